/* The timeline page's "Map" link follows the view: /map with the page's current query
   string. Registered with ClientsideFunction("maplink", "href") in app/pages/map.py. */
(function () {
  "use strict";
  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.maplink = {
    href: function (search) {
      var query = (search || "").replace(/^\?/, "");
      return query ? "/map?" + query : "/map";
    }
  };
})();
