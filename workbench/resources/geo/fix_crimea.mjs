// Redraw Crimea as part of Ukraine in the vendored world-atlas TopoJSON, and cut a theatre subset.
//
// Natural Earth (and so world-atlas) puts the Crimean peninsula inside Russia's MultiPolygon. This briefing
// draws internationally recognised borders, so the script moves that polygon into Ukraine's geometry.
//
// How: the work stays in topology space, so no coordinate is re-quantized or moved.
//   1. Read countries-50m.json / countries-110m.json (vendored, unmodified world-atlas@2.0.2).
//   2. In Russia's (id 643) MultiPolygon, find the polygon(s) whose planar centroid lies in
//      lon 32.4..36.7, lat 44.3..46.3 -- the Crimean peninsula (exactly one polygon in both files).
//   3. Remove them from Russia; rebuild Ukraine (id 804) with topojson-client's mergeArcs over Ukraine's old
//      geometry plus those polygon(s). mergeArcs dissolves the shared Perekop/Chonhar arcs, so no internal
//      border line is left between mainland Ukraine and Crimea. Every other geometry, the `land` object,
//      the arcs and the quantization transform are kept byte for byte in meaning.
//   4. Write countries-<res>-ukraine-crimea.json (object names `countries` and `land`, as upstream).
//   5. From the fixed 50m file, write theatre-50m.json: only the countries that have a polygon inside
//      lon -10..155, lat 25..78 (the Russia/Ukraine/Korea war map), rebuilt with topojson-server and
//      quantized at 1e5, object name `countries`.
//   Every feature keeps `id` (ISO 3166-1 numeric, absent for a few) and `properties.name` (Natural Earth
//   short English name, e.g. "Russia", "North Korea", "Dem. Rep. Congo").
//
// Run (node >= 18; the npm packages live in a scratch dir, never in the repo):
//   mkdir -p /tmp/topo && cd /tmp/topo && npm init -y >/dev/null \
//     && npm install topojson-client@3.1.0 topojson-server@3.0.1
//   cd /tmp/topo && node /work/main/workbench/resources/geo/fix_crimea.mjs /work/main/workbench/resources/geo
// Packages are resolved from the current working directory's node_modules.

import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(join(process.cwd(), "noop.js"));
const topojson = require("topojson-client");
const { topology } = require("topojson-server");

const GEO_DIR = process.argv[2] ?? new URL(".", import.meta.url).pathname;
const RUSSIA = "643";
const UKRAINE = "804";
const CRIMEA_BOX = { lonMin: 32.4, lonMax: 36.7, latMin: 44.3, latMax: 46.3 };
const THEATRE_BOX = { lonMin: -10, lonMax: 155, latMin: 25, latMax: 78 };

// Planar (lon/lat) area-weighted centroid of a polygon's outer ring; longitudes are first made continuous
// across the antimeridian (some world-atlas rings jump from 180 to -180).
function ringCentroid(coords) {
  const ring = [coords[0]];
  for (const [x0, y] of coords.slice(1)) {
    let x = x0;
    const px = ring[ring.length - 1][0];
    while (x - px > 180) x -= 360;
    while (x - px < -180) x += 360;
    ring.push([x, y]);
  }
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, n = ring.length - 1; i < n; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[i + 1];
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  if (a === 0) return ring[0];
  return [((((cx / (3 * a) + 180) % 360) + 360) % 360) - 180, cy / (3 * a)];
}

const inBox = ([lon, lat], b) => lon >= b.lonMin && lon <= b.lonMax && lat >= b.latMin && lat <= b.latMax;

function polygonsOf(geom) {
  if (geom.type === "Polygon") return [geom.arcs];
  if (geom.type === "MultiPolygon") return geom.arcs;
  return [];
}

function fixCrimea(topo, label) {
  const geoms = topo.objects.countries.geometries;
  const ri = geoms.findIndex((g) => g.id === RUSSIA);
  const ui = geoms.findIndex((g) => g.id === UKRAINE);
  if (ri < 0 || ui < 0) throw new Error(`${label}: Russia or Ukraine missing`);
  const russia = geoms[ri];
  const ukraine = geoms[ui];

  const keep = [];
  const crimea = [];
  for (const poly of polygonsOf(russia)) {
    const coords = topojson.feature(topo, { type: "Polygon", arcs: poly }).geometry.coordinates;
    (inBox(ringCentroid(coords[0]), CRIMEA_BOX) ? crimea : keep).push(poly);
  }
  if (crimea.length === 0) throw new Error(`${label}: no Crimea polygon found in Russia`);

  const merged = topojson.mergeArcs(topo, [ukraine, ...crimea.map((arcs) => ({ type: "Polygon", arcs }))]);
  geoms[ui] = { type: merged.type, arcs: merged.arcs, id: ukraine.id, properties: { ...ukraine.properties } };
  geoms[ri] =
    keep.length === 1
      ? { type: "Polygon", arcs: keep[0], id: russia.id, properties: { ...russia.properties } }
      : { type: "MultiPolygon", arcs: keep, id: russia.id, properties: { ...russia.properties } };
  console.log(
    `${label}: moved ${crimea.length} polygon(s) Russia -> Ukraine; Russia now ${keep.length} polygons, ` +
      `Ukraine ${merged.type} with ${merged.type === "Polygon" ? 1 : merged.arcs.length} polygon(s)`,
  );
  return topo;
}

function theatre(topo) {
  const fc = topojson.feature(topo, topo.objects.countries);
  const touches = (f) => {
    const g = f.geometry;
    if (!g) return false;
    const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
    return polys.some((p) => {
      const xs = p[0].map((c) => c[0]);
      const ys = p[0].map((c) => c[1]);
      return (
        Math.max(...xs) >= THEATRE_BOX.lonMin &&
        Math.min(...xs) <= THEATRE_BOX.lonMax &&
        Math.max(...ys) >= THEATRE_BOX.latMin &&
        Math.min(...ys) <= THEATRE_BOX.latMax
      );
    });
  };
  const features = fc.features.filter(touches);
  const out = topology({ countries: { type: "FeatureCollection", features } }, 1e5);
  console.log(`theatre: ${features.length} countries: ${features.map((f) => f.properties.name).join(", ")}`);
  return out;
}

for (const res of ["50m", "110m"]) {
  const src = JSON.parse(readFileSync(join(GEO_DIR, `countries-${res}.json`), "utf8"));
  const fixed = fixCrimea(src, res);
  writeFileSync(join(GEO_DIR, `countries-${res}-ukraine-crimea.json`), JSON.stringify(fixed));
  if (res === "50m") writeFileSync(join(GEO_DIR, "theatre-50m.json"), JSON.stringify(theatre(fixed)));
}
