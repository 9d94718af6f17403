// Builds the scripts the app serves from src/timeline/app/static/ (run by build.sh):
// * plotly-partial.min.js: entry.js bundled the way plotly.js bundles itself (its
//   esbuild-config.js), minified: Plotly with only the trace types the app draws;
// * plotly-basic.min.js: the same from entry-basic.js (no WebGL, no maps), for pages
//   served without Dash whose charts need no more (static/charts.js);
// * regenerator-runtime.min.js: the one part of Babel's polyfill Dash's scripts need
//   in a current browser (the global `regeneratorRuntime`), instead of all of it.
const path = require("path");
const esbuild = require("esbuild");
const { environmentPlugin } = require("esbuild-plugin-environment");
const { glsl } = require("esbuild-plugin-glsl");
const InlineCSSPlugin = require("esbuild-plugin-inline-css");

const folder = process.argv[2];
const common = { bundle: true, minify: true, sourcemap: false, legalComments: "linked",
                 target: "es2016", logLevel: "info" };
const plotly = (entry, outfile) => esbuild.build({
    ...common,
    entryPoints: [path.join(__dirname, entry)],
    outfile: path.join(folder, outfile),
    format: "iife",
    globalName: "Plotly",
    plugins: [InlineCSSPlugin(), glsl({ minify: true }),
              environmentPlugin({ NODE_DEBUG: false })],
    alias: { regl: "@plotly/regl", stream: "stream-browserify" },
    define: { global: "window", "define.amd": "false" },
});
Promise.all([
    plotly("entry.js", "plotly-partial.min.js"),
    plotly("entry-basic.js", "plotly-basic.min.js"),
    esbuild.build({
        ...common,
        // not bundled: the file assigns the global itself when run as a plain script
        bundle: false,
        entryPoints: [require.resolve("regenerator-runtime/runtime.js")],
        outfile: path.join(folder, "regenerator-runtime.min.js"),
    }),
]).catch(() => process.exit(1));
