// The Plotly the app's pages use: the core and the trace types its figure builders
// (src/timeline/figures/) emit. A new trace type in a builder needs a line here and a
// rebuild (build.sh); tests/test_plotly_bundle.py fails until then.
var Plotly = require("plotly.js/lib/core");

Plotly.register([
    require("plotly.js/lib/scatter"),
    require("plotly.js/lib/scattergl"),
    require("plotly.js/lib/bar"),
    require("plotly.js/lib/heatmap"),
    require("plotly.js/lib/choropleth"),
    require("plotly.js/lib/scattergeo"),
]);

module.exports = Plotly;
