/* The router's clientside callbacks, served from the package with the app (no inline
   script: the Content-Security-Policy allows none). app/router.py registers them with
   ClientsideFunction("router", <name>). */
(function () {
  "use strict";

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.router = {
    // The URL as a route key: the page is rebuilt only when the key changes (the path,
    // the language, and a campaign page's query), never for a filter's query string.
    routeKey: function (pathname, search, previous) {
      if (pathname === undefined || pathname === null) {
        return window.dash_clientside.no_update;
      }
      var params = new URLSearchParams(search || "");
      var lang = params.get("lang") || "";
      var parts = [pathname || "/", lang];
      // The campaign pages are drawn from their query (as of, from, to): no callbacks.
      if ((pathname || "").indexOf("/campaigns/") === 0) {
        parts.push(params.get("as_of") || "", params.get("from") || "",
                   params.get("to") || "");
      }
      var key = JSON.stringify(parts);
      return key === previous ? window.dash_clientside.no_update : key;
    },

    // The new page's title and language, on the document.
    meta: function (meta) {
      if (meta) {
        document.title = meta.title;
        document.documentElement.lang = meta.lang;
      }
      return window.dash_clientside.no_update;
    },

    // The language switch keeps the reader's whole view: same path, same query, new
    // lang. The codes are the links' own `lang` (the arguments after pathname and
    // search). The path keeps one leading slash (as shell.local_path), never a
    // protocol-relative link.
    languageLinks: function (pathname, search) {
      var codes = Array.prototype.slice.call(arguments, 2);
      return codes.map(function (code) {
        var params = new URLSearchParams(search || "");
        params.delete("lang");
        params.append("lang", code);
        var backslash = String.fromCharCode(92);
        var path = "/" + (pathname || "/").split(backslash).join("%5C")
          .replace(/^[/]+/, "");
        return path + "?" + params.toString();
      });
    }
  };
})();
