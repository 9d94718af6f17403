/* Event pictures in the timeline's detail panel load lazily. Dash's html.Img has no
   `loading` property, so the panel renders <img class="media-image" data-src=...> and
   this sets loading="lazy" before giving the image its src. The images are served by
   this site (/media/...), never by another. */
(function () {
  "use strict";
  function start(root) {
    var images = root.querySelectorAll ? root.querySelectorAll("img.media-image[data-src]") : [];
    for (var i = 0; i < images.length; i++) {
      var image = images[i];
      var source = image.getAttribute("data-src");
      if (source && source.charAt(0) === "/" && source.charAt(1) !== "/") {
        image.setAttribute("loading", "lazy");
        image.setAttribute("src", source);
      }
      image.removeAttribute("data-src");
    }
  }
  new MutationObserver(function (changes) {
    for (var i = 0; i < changes.length; i++) {
      for (var j = 0; j < changes[i].addedNodes.length; j++) {
        var node = changes[i].addedNodes[j];
        if (node.nodeType === 1) { start(node.parentNode || node); }
      }
    }
  }).observe(document.documentElement, {childList: true, subtree: true});
})();
