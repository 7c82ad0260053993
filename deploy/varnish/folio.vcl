# Varnish in front of Folio: an example configuration (VCL 4.1, Varnish 6
# and 7). Start Folio with cdn_servers pointing at this Varnish, and with
# server set to the public URL readers use, so that its PURGE requests
# name the same host and paths as their requests.
#
# What Folio does for a cache like this one:
#   * anonymous page views carry "Cache-Control: s-maxage=N,
#     must-revalidate, max-age=0" and "Vary: Cookie"; everything else is
#     private;
#   * every change sends "PURGE <path>" for each affected page (the page,
#     pages linking to it, redirecting to it or transcluding it), and a
#     second PURGE a few seconds later.
vcl 4.1;

backend folio {
    .host = "127.0.0.1";
    .port = "8080";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}

# Who may purge: the Folio servers.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Purging is not allowed from this address."));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Logged-in users see their own pages: never share them.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)folio_session=") {
        return (pass);
    }
    # Readers without a session all get the same page; other cookies
    # (analytics and the like) must not split the cache.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # A response that sets a cookie belongs to one visitor.
    if (beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Serve a slightly stale copy while a fresh one is fetched.
    set beresp.grace = 10s;
    # The builtin VCL does the rest: it honours s-maxage and refuses
    # private and no-store responses.
}

sub vcl_deliver {
    # X-Cache tells what Varnish did; X-Cache-Folio what Folio's own page
    # cache did when Varnish fetched the page.
    if (resp.http.X-Cache) {
        set resp.http.X-Cache-Folio = resp.http.X-Cache;
    }
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
