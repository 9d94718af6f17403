/* Starts Dash's renderer: what Dash writes as its one inline script, as a file, so that
   it can run deferred after Dash's deferred scripts (app/document.py), and so the
   Content-Security-Policy needs no inline script for it. */
var renderer = new DashRenderer();
