#!/usr/bin/python3
"""Exercise a Folio wiki with Debian's python3-mwclient.

Usage: mwclient_check.py HOST:PORT USER PASSWORD

Logs in, reads a page, edits it, reads it back and lists recent changes.
Prints one line per step and exits non-zero on the first failure.
"""
import sys

import mwclient


def check(cond, what):
    if not cond:
        print("FAIL " + what)
        sys.exit(1)
    print("ok   " + what)


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

    changes = list(site.recentchanges(limit=10, prop="title|user|comment|ids|timestamp"))
    titles = [rc["title"] for rc in changes]
    check("Python client page" in titles, "recent changes list the edit: %r" % titles[:5])
    mine = [rc for rc in changes if rc["title"] == "Python client page"]
    check(mine[0]["user"] == user and mine[0]["comment"] == "mwclient: append",
          "the newest change is ours with its summary")
    print("ALL OK")


if __name__ == "__main__":
    main()
