import { geoMercator, geoPath, type GeoProjection } from "d3-geo";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import type { Feature, MultiLineString } from "geojson";
// Natural Earth 1:50m via world-atlas: ~740 KB on disk but read once on the server,
// and 1:10m would add ~3 MB for detail nobody sees at 800×600.
import countries50m from "world-atlas/countries-50m.json";

export type BBox = { west: number; south: number; east: number; north: number };

export const DEFAULT_BOX: BBox = { west: 121, south: 37, east: 133, north: 46 };
export const WIDTH = 800;
export const HEIGHT = 600;

/** Numeric ISO 3166 ids as they appear in world-atlas. */
export const COUNTRIES = [
  { id: "643", code: "RU", name: "Russia" },
  { id: "392", code: "JP", name: "Japan" },
  { id: "156", code: "CN", name: "China" },
  { id: "410", code: "KR", name: "South Korea" },
  { id: "408", code: "KP", name: "North Korea" },
] as const;

export type CountryCode = (typeof COUNTRIES)[number]["code"];

export type NortheastAsiaMap = {
  viewBox: string;
  box: BBox;
  countries: { id: string; code: CountryCode; name: string; d: string }[];
  /** The China–DPRK land border (Yalu and Tumen), drawn on top and emphasised. */
  border: string;
  /** Null outside the box: such facilities are listed under the map instead. */
  project: (lon: number, lat: number) => [number, number] | null;
};

type Props = { name?: string };
const topology = countries50m as unknown as Topology<{ countries: GeometryCollection<Props> }>;

function buildProjection(box: BBox): GeoProjection {
  // Mercator keeps the lon/lat box a rectangle with north up, which suits a reader who
  // needs "which side of the river". Fit the box's corners and edge midpoints.
  const midLon = (box.west + box.east) / 2;
  const midLat = (box.south + box.north) / 2;
  const outline = {
    type: "MultiPoint" as const,
    coordinates: [
      [box.west, box.south], [box.east, box.south], [box.west, box.north], [box.east, box.north],
      [midLon, box.south], [midLon, box.north], [box.west, midLat], [box.east, midLat],
    ],
  };
  // The box is centred in the 800×600 frame; geography around it fills the rest of the
  // frame as context, clipped to the frame so nothing is drawn outside the viewBox.
  return geoMercator()
    .fitExtent([[0, 0], [WIDTH, HEIGHT]], outline)
    .clipExtent([[0, 0], [WIDTH, HEIGHT]]);
}

const cache = new Map<string, NortheastAsiaMap>();

export function northeastAsiaMap(box: BBox = DEFAULT_BOX): NortheastAsiaMap {
  const key = `${box.west},${box.south},${box.east},${box.north}`;
  const hit = cache.get(key);
  if (hit) return hit;
  if (!(box.west < box.east && box.south < box.north)) throw new Error("Invalid map box");

  const projection = buildProjection(box);
  // One decimal of a 800-unit viewBox is far below a pixel and halves the path bytes.
  const path = geoPath(projection).digits(1);
  const object = topology.objects.countries;

  const countries = COUNTRIES.flatMap((c) => {
    const geometry = object.geometries.find((g) => String(g.id) === c.id);
    if (!geometry) return [];
    const d = path(feature(topology, geometry) as Feature) ?? "";
    return d ? [{ id: c.id, code: c.code, name: c.name, d }] : [];
  });

  const borderMesh = mesh(topology, object, (a, b) => {
    const ids = [String(a.id), String(b.id)].sort().join("-");
    return ids === "156-408";
  }) as MultiLineString;
  const border = path(borderMesh) ?? "";

  const round = (n: number) => Math.round(n * 10) / 10;
  const project = (lon: number, lat: number): [number, number] | null => {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
    if (lon < box.west || lon > box.east || lat < box.south || lat > box.north) return null;
    const p = projection([lon, lat]);
    return p ? [round(p[0]), round(p[1])] : null;
  };

  const result: NortheastAsiaMap = { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, box, countries, border, project };
  cache.set(key, result);
  return result;
}
