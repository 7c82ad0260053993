#!/usr/bin/python3
"""Exercise a Folio wiki with Debian's python3-mwclient.

Usage: mwclient_check.py HOST:PORT USER PASSWORD

Logs in, reads a page, edits it, reads it back, uploads a small PNG and
lists recent changes.
Prints one line per step and exits non-zero on the first failure.
"""
import io
import struct
import sys
import zlib

import mwclient


def check(cond, what):
    if not cond:
        print("FAIL " + what)
        sys.exit(1)
    print("ok   " + what)


def small_png(width, height, rgb):
    """Return a PNG of one colour, made with the standard library."""
    row = b"\x00" + bytes(rgb) * width
    raw = row * height

    def chunk(kind, data):
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def check_upload(site):
    """Upload a small PNG and read its file information back."""
    result = site.upload(io.BytesIO(small_png(16, 12, (20, 120, 200))),
                         filename="Python client.png",
                         description="Uploaded by mwclient.")
    check(result.get("result") == "Success", "upload a PNG: %r" % result.get("result"))
    info = site.images["Python client.png"].imageinfo
    check(info.get("width") == 16 and info.get("height") == 12,
          "imageinfo reports 16x12: %r" % ((info.get("width"), info.get("height")),))


def main():
    host, user, password = sys.argv[1:4]
    site = mwclient.Site(host, path="/", scheme="http", clients_useragent="folio-ci")
    check(site.version[:2] == (1, 39), "siteinfo reports MediaWiki 1.39: %r" % (site.version,))
    site.login(user, password)
    check(site.logged_in, "login as %s" % user)

    page = site.pages["Python client page"]
    check(not page.exists, "a new page does not exist yet")
    page.edit("First text from mwclient.", summary="mwclient: create")
    page = site.pages["Python client page"]
    check(page.exists, "the page exists after the first edit")
    check(page.text() == "First text from mwclient.", "read the page back: %r" % page.text())

    page.edit(page.text() + "\n\n== Added ==\nSecond text.", summary="mwclient: append")
    text = site.pages["Python client page"].text()
    check("Second text." in text, "read the edited page back")

    main_page = site.pages["Main Page"]
    check(main_page.exists and main_page.text() != "", "read the Main Page")

    if "uploadsenabled" in site.site:
        check_upload(site)
    else:
        print("skip upload: the wiki has uploads disabled")

    changes = list(site.recentchanges(limit=10, prop="title|user|comment|ids|timestamp"))
    titles = [rc["title"] for rc in changes]
    check("Python client page" in titles, "recent changes list the edit: %r" % titles[:5])
    mine = [rc for rc in changes if rc["title"] == "Python client page"]
    check(mine[0]["user"] == user and mine[0]["comment"] == "mwclient: append",
          "the newest change is ours with its summary")
    print("ALL OK")


if __name__ == "__main__":
    main()
