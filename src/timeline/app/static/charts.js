/* The charts of a page before (or without) Dash (app/document.py), written by hand.

   Each chart's placeholder (<div class="dash-graph">, its height already reserved)
   holds its figure and config as a JSON data block. Once the page has loaded (its text
   first: nothing competes with it on a slow network), a chart that is on the screen or
   comes within 100 px of it is drawn; Plotly is loaded once, for the first one. A chart
   the reader never scrolls to costs nothing. Data are only ever parsed as JSON, never
   run.

   A page served without Dash uses the basic bundle (data-plotly-basic: no WebGL, no
   maps, a third less code) when every trace on it is of one of its types
   (data-basic-traces), else the app's partial one (data-plotly). A page with Dash
   (boot.js starts it when the reader reaches for the page) uses the partial one, the
   one Dash's graphs use, so that Dash finds it loaded and draws at once; a click on a
   mark starts Dash, and once Dash is starting, Dash draws what is left. */
(function () {
  "use strict";
  var script = document.currentScript;
  var blocks = document.querySelectorAll("script.chart-figure");
  if (!script || !blocks.length) {
    return;
  }
  var charts = new Map();
  var basic = (script.getAttribute("data-basic-traces") || "").split(" ");
  var withDash = !!document.getElementById("dash-boot");
  var plotlyUrl = script.getAttribute(withDash ? "data-plotly" : "data-plotly-basic");
  for (var b = 0; b < blocks.length; b++) {
    var chart;
    try {
      chart = JSON.parse(blocks[b].textContent);
    } catch (error) {
      continue;
    }
    charts.set(blocks[b].parentNode, chart);
    ((chart.figure || {}).data || []).forEach(function (trace) {
      if (basic.indexOf(trace.type || "scatter") < 0) {
        plotlyUrl = script.getAttribute("data-plotly");
      }
    });
  }
  var loading = null;

  var drawn = [];
  // Dash has drawn the page (boot.js): the server's copy and its charts are gone.
  document.addEventListener("timeline:handover", function () {
    loading && loading.then(function (Plotly) {
      drawn.forEach(function (target) { Plotly.purge(target); });
      drawn = [];
    });
  });

  function dashStarted() {
    return document.documentElement.getAttribute("data-dash") === "starting";
  }

  function plotly() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        if (window.Plotly) {
          resolve(window.Plotly);
          return;
        }
        var tag = document.createElement("script");
        tag.src = plotlyUrl;
        tag.async = true;
        tag.onload = function () { resolve(window.Plotly); };
        tag.onerror = function () { reject(new Error("Plotly did not load")); };
        document.head.appendChild(tag);
      });
      window.timelineChartsLoading = loading;
    }
    return loading;
  }

  function draw(target) {
    if (dashStarted() && !loading) {
      return; // Dash is starting: its own graphs draw
    }
    var chart = charts.get(target);
    var block = target.querySelector("script.chart-figure");
    if (block) {
      target.removeChild(block);
    }
    // drawn inside the placeholder, as dcc.Graph draws inside its own <div>
    var plot = document.createElement("div");
    plot.style.height = "100%";
    plot.style.width = "100%";
    target.appendChild(plot);
    plotly().then(function (Plotly) {
      var figure = chart.figure || {};
      return Plotly.newPlot(plot, figure.data || [], figure.layout || {},
                            chart.config || {});
    }).then(function () {
      target.classList.remove("graph-pending");
      drawn.push(plot);
      if (withDash && plot.on) {
        plot.on("plotly_click", function () {
          document.dispatchEvent(new Event("timeline:start"));
        });
      }
    }).catch(function () {
      target.classList.add("graph-failed");
    });
  }

  function watch() {
    var targets = Array.from(charts.keys());
    if (!("IntersectionObserver" in window)) {
      targets.forEach(draw);
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          draw(entry.target);
        }
      });
    }, {rootMargin: "100px 0px"});
    targets.forEach(function (target) { observer.observe(target); });
  }

  if (document.readyState === "complete") {
    watch();
  } else {
    window.addEventListener("load", watch, {once: true});
  }
})();
