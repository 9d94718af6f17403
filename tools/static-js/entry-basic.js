// The smaller Plotly for pages whose charts are all plain SVG traces (the campaign,
// its changes and actor pages served without Dash; see static/charts.js): the core and
// scatter, bar and heatmap, without WebGL and maps, whose code alone takes a phone
// most of a second to run. Rebuild with build.sh after a change.
var Plotly = require("plotly.js/lib/core");

Plotly.register([
    require("plotly.js/lib/scatter"),
    require("plotly.js/lib/bar"),
    require("plotly.js/lib/heatmap"),
]);

module.exports = Plotly;
