/* Dash starts when the reader first reaches for the page, written by hand.

   A page with callbacks (the timeline, relations, the map, the form) arrives as the
   server drew it: readable, its links plain links, its charts drawn by charts.js. Its
   interactive parts need Dash (React, Dash's renderer and components: most of a second
   of a phone's CPU), so Dash's scripts are not run with the page but when the reader
   first presses a key, touches, clicks or moves the focus into the page (not while they
   zoom or hover a chart, which Plotly does on its own). The scripts, in Dash's order,
   are listed in the page's <script id="dash-boot" type="application/json">; they are
   all files (the CSP allows no inline script: every clientside callback is a
   ClientsideFunction in app/assets/).

   When Dash has drawn the same page (handover.js then removes the server's copy), the
   control the reader reached for gets the focus back under the same id: a button is
   pressed, a text box gets what was typed into the server's copy, a radio button
   chosen there is chosen, a disclosure (the filters' <details>) is open or closed as
   the reader left it. */
(function () {
  "use strict";
  var data = document.getElementById("dash-boot");
  if (!data) {
    return;
  }
  var plan;
  try {
    plan = JSON.parse(data.textContent);
  } catch (error) {
    return;
  }
  var started = false;
  var handedOver = false;
  var reached = null; // the control the reader reached for: {id, control, press}
  var EVENTS = ["pointerdown", "keydown", "focusin", "touchstart"];

  function inChart(target) {
    return !!(target && target.closest && target.closest(".graph-frame, .dash-graph"));
  }

  var FOCUSABLE = "button, input, textarea, select, a, summary, [tabindex]";

  function linkIndex(link) {
    // which of the server's links to the same address (a link has no id of its own)
    var copy = document.getElementById("server-page");
    var href = link.getAttribute("href");
    if (!copy || href === null) {
      return -1;
    }
    return Array.prototype.indexOf.call(
        copy.querySelectorAll('a[href="' + CSS.escape(href) + '"]'), link);
  }

  function note(event) {
    var target = event.target;
    if (!handedOver && !inChart(target) && target && target.closest) {
      var owner = target.closest("[id]");
      var ownerId = owner && owner.id !== "server-page" ? owner.id : "";
      var control = target.closest(FOCUSABLE);
      var link = control && control.tagName === "A" && !control.id;
      // the latest control the reader reached for while Dash was starting
      if ((ownerId || link) && (!reached || event.type !== "keydown")) {
        reached = {id: ownerId, press: false, control: control,
                   link: link ? linkIndex(control) : -1};
      }
    }
    start();
  }

  function changed(event) {
    // a radio button or a checkbox of the server's page, chosen while Dash starts
    var target = event.target;
    if (!handedOver && target && target.type && /^(radio|checkbox)$/.test(target.type)) {
      var owner = target.closest("[id]");
      if (owner && owner.id) {
        reached = {id: owner.id, press: false, control: target};
      }
    }
  }

  function pressed(event) {
    var target = event.target;
    if (reached && !handedOver && target && target.closest &&
        target.closest("button, [role='button']")) {
      reached.press = true;
    }
  }

  function load(items, done) {
    // The scripts download together and run in order (async = false).
    var pending = items.length;
    if (!pending) {
      done();
      return;
    }
    var loaded = function () {
      pending -= 1;
      if (pending === 0) {
        done();
      }
    };
    items.forEach(function (item) {
      var tag = document.createElement("script");
      tag.src = item.src;
      tag.async = false;
      tag.onload = loaded;
      tag.onerror = loaded;
      document.body.appendChild(tag);
    });
  }

  function reopen(control) {
    // Every disclosure around the control (the filters, folded on a phone) is open or
    // closed in Dash's page as the reader left it in the server's.
    var was = control && control.closest ? control.closest("details") : null;
    while (was) {
      var now = was.id && document.getElementById(was.id);
      if (now && now.tagName === "DETAILS" && now.open !== was.open) {
        var summary = now.querySelector("summary");
        if (summary) {
          summary.click();
        }
      }
      was = was.parentNode && was.parentNode.closest ? was.parentNode.closest("details")
          : null;
    }
  }

  function sameLink(before, index) {
    var app = document.getElementById("react-entry-point");
    var href = before.getAttribute("href");
    return app && href !== null && index >= 0
        ? app.querySelectorAll('a[href="' + CSS.escape(href) + '"]')[index] || null : null;
  }

  function giveBack() {
    handedOver = true;
    document.dispatchEvent(new Event("timeline:handover"));
    if (!reached) {
      return;
    }
    var before = reached.control;
    if (before && before.tagName === "A" && !before.id) {
      var link = sameLink(before, reached.link); // the same link, by address and order
      if (link) {
        focusOn(link, null);
      }
      return;
    }
    var element = reached.id && document.getElementById(reached.id);
    if (!element) {
      return;
    }
    reopen(before);
    var focusable = FOCUSABLE;
    var target = before && before.tagName === "SUMMARY"
        ? (element.matches("details") ? element : element.closest("details") || element)
            .querySelector("summary")
        : element.matches(focusable) ? element : element.querySelector(focusable);
    target = target || element;
    var choose = null;
    if (before && /^(radio|checkbox)$/.test(before.type || "")) {
      var same = element.querySelector('input[value="' + CSS.escape(before.value) + '"]');
      if (same) {
        target = same;
        if (same.checked !== before.checked) {
          choose = same.closest("label") || same; // Dash's options take the label's click
        }
      }
    }
    var typed = before && /^(INPUT|TEXTAREA)$/.test(before.tagName) &&
        !/^(checkbox|radio)$/.test(before.type) ? before.value : "";
    if (typed && target.tagName === "INPUT" && typed !== target.value) {
      // React keeps its own copy of the value: set it the way typing does.
      var setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
      setter.call(target, typed);
      target.dispatchEvent(new Event("input", {bubbles: true}));
    }
    focusOn(target, function () {
      if (reached.press && target.tagName === "BUTTON") {
        target.click();
      } else if (choose) {
        choose.click();
      }
    });
  }

  function focusOn(target, then) {
    // The control may still be folded away for a moment (the filters open on wide
    // screens once Dash has run its first callbacks): try for up to two seconds.
    var tries = 120;
    (function focus() {
      target.focus();
      if (document.activeElement !== target && tries-- > 0) {
        window.requestAnimationFrame(focus);
      } else if (then) {
        then();
      }
    })();
  }

  function whenHydrated(then) {
    // Dash takes a control's changes once its renderer has finished starting up.
    var tries = 300;
    (function check() {
      var store = window.store;
      var state = store && store.getState ? store.getState() : null;
      if ((state && state.appLifecycle === "HYDRATED") || tries-- <= 0) {
        window.requestAnimationFrame(then);
      } else {
        window.requestAnimationFrame(check);
      }
    })();
  }

  function whenDrawn() {
    var observer = new MutationObserver(function () {
      var app = document.getElementById("react-entry-point");
      if (app && app.querySelector(".site-main") && !document.getElementById("server-page")) {
        observer.disconnect();
        whenHydrated(giveBack);
      }
    });
    observer.observe(document.body, {childList: true, subtree: true});
  }

  function start() {
    if (started) {
      return;
    }
    started = true;
    document.documentElement.setAttribute("data-dash", "starting");
    // dcc.Graph loads Plotly from this URL, which Dash's renderer would point at the
    // full 4.8 MB bundle: the app's own partial one instead, and it stays so.
    Object.defineProperty(window, "_dashPlotlyJSURL", {
      configurable: false,
      get: function () { return plan.plotly; },
      set: function () {}
    });
    whenDrawn();
    // A chart charts.js is drawing finishes first (its Plotly is its own).
    Promise.resolve(window.timelineChartsLoading).catch(function () {}).then(function () {
      load(plan.scripts.concat([{src: plan.start}]), function () {});
    });
  }

  function prefetch() {
    // Once the page has loaded and the network is quiet, Dash's scripts are fetched
    // (not run) so that the first touch does not wait for them on a slow network;
    // not when the reader has asked to save data.
    var connection = navigator.connection;
    if (started || (connection && connection.saveData)) {
      return;
    }
    var chunks = (plan.prefetch || []).map(function (url) { return {src: url}; });
    plan.scripts.concat([{src: plan.start}], chunks).forEach(function (item) {
      var link = document.createElement("link");
      link.rel = "prefetch";
      link.as = "script";
      link.href = item.src;
      document.head.appendChild(link);
    });
  }

  function afterLoad() {
    var idle = window.requestIdleCallback || function (run) { window.setTimeout(run, 1); };
    idle(prefetch);
  }

  if (document.readyState === "complete") {
    afterLoad();
  } else {
    window.addEventListener("load", afterLoad, {once: true});
  }
  EVENTS.forEach(function (type) {
    document.addEventListener(type, note, true);
  });
  document.addEventListener("click", pressed, true);
  document.addEventListener("change", changed, true);
  // A chart drawn before Dash (charts.js) asks for it when its marks are clicked.
  document.addEventListener("timeline:start", start);
  if (document.activeElement && document.activeElement !== document.body &&
      !inChart(document.activeElement)) {
    start();
  }
})();
