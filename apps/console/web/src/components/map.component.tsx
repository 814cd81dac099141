import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/i18n-context';
import { useSettings } from '../settings';

export interface Point {
  lat: number;
  lon: number;
  /** What the marker shows on hover (a map of many places names each; the list beside it says the same). */
  label?: string;
}

/** Taraz, the region's centre: where a map opens before anything is placed on it. */
const TARAZ: Point = { lat: 42.9, lon: 71.3667 };
const MARKER: L.CircleMarkerOptions = { radius: 9, color: '#0b3d6e', weight: 3, fillColor: '#f6b26b', fillOpacity: 1 };

/**
 * A Leaflet map. Its background is the tile server CONSOLE_TILE_URL names, or none: then the markers stand on a plain
 * ground and nothing is fetched (the tests run so). Its zoom buttons speak the page's language; the typed
 * coordinates beside every map are the way to a place without a pointer.
 */
function useLeaflet(container: { current: HTMLDivElement | null }, centre: Point | null) {
  const { tileUrl } = useSettings();
  const { t } = useI18n();
  const map = useRef<L.Map | null>(null);
  const zoom = useRef<L.Control.Zoom | null>(null);

  useEffect(() => {
    if (!container.current) return;
    const start = centre ?? TARAZ;
    const created = L.map(container.current, {
      zoomControl: false,
      attributionControl: tileUrl !== null,
      center: [start.lat, start.lon],
      zoom: 14,
    });
    if (tileUrl) {
      created.attributionControl.setPrefix(false);
      L.tileLayer(tileUrl, { maxZoom: 19, attribution: '© OpenStreetMap contributors' }).addTo(created);
    }
    map.current = created;
    return () => {
      created.remove();
      map.current = null;
    };
    // Made once per container: later centres move this map (below) rather than make another.
  }, [tileUrl]);

  useEffect(() => {
    if (!map.current) return;
    zoom.current?.remove();
    zoom.current = L.control.zoom({ zoomInTitle: t('map.zoomIn'), zoomOutTitle: t('map.zoomOut') }).addTo(map.current);
  }, [t, tileUrl]);

  return map;
}

/** Picks a place: a click on the map sets the coordinates, typed ones move the marker. */
export function MapPicker(props: { value: Point | null; onPick: (point: Point) => void; describedBy?: string }) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const map = useLeaflet(container, props.value);
  const marker = useRef<L.CircleMarker | null>(null);
  const onPick = useRef(props.onPick);
  onPick.current = props.onPick;

  useEffect(() => {
    const current = map.current;
    if (!current) return;
    const click = (event: L.LeafletMouseEvent) =>
      onPick.current({ lat: round(event.latlng.lat), lon: round(event.latlng.lng) });
    current.on('click', click);
    return () => void current.off('click', click);
  }, [map.current]);

  useEffect(() => {
    const current = map.current;
    if (!current) return;
    if (!props.value) {
      marker.current?.remove();
      marker.current = null;
      return;
    }
    const at: L.LatLngExpression = [props.value.lat, props.value.lon];
    if (marker.current) marker.current.setLatLng(at);
    else marker.current = L.circleMarker(at, MARKER).addTo(current);
    if (!current.getBounds().contains(at)) current.panTo(at);
  }, [map.current, props.value?.lat, props.value?.lon]);

  return (
    <div
      ref={container}
      class="map"
      role="region"
      aria-label={t('map.pickLabel')}
      aria-describedby={props.describedBy}
      data-testid="map"
    />
  );
}

/** Shows places (a case, the cases of a board) as markers; `large` for a page whose map is its main view. */
export function MapView(props: { points: Point[]; label: string; large?: boolean }) {
  const container = useRef<HTMLDivElement>(null);
  const map = useLeaflet(container, props.points[0] ?? null);
  const layer = useRef<L.LayerGroup | null>(null);

  useEffect(() => {
    const current = map.current;
    if (!current) return;
    layer.current?.remove();
    const markers = props.points.map((p) => {
      const marker = L.circleMarker([p.lat, p.lon], MARKER);
      return p.label ? marker.bindTooltip(p.label) : marker;
    });
    layer.current = L.layerGroup(markers).addTo(current);
    // Without animation: Leaflet 1.9 ends a zoom animation on a 250 ms timer that remove() does not clear, so a
    // page left just after its markers changed would throw from a map already gone (reading `_leaflet_pos`).
    const still = { animate: false };
    if (props.points.length > 1)
      current.fitBounds(L.latLngBounds(props.points.map((p) => [p.lat, p.lon] as L.LatLngTuple)).pad(0.2), still);
    else if (props.points.length === 1) current.setView([props.points[0].lat, props.points[0].lon], undefined, still);
  }, [map.current, JSON.stringify(props.points)]);

  return (
    <div
      ref={container}
      class={props.large ? 'map map-large' : 'map map-small'}
      role="region"
      aria-label={props.label}
      data-testid="map"
    />
  );
}

/** Six decimals: about 10 cm, more than any defect needs. */
const round = (value: number) => Math.round(value * 1e6) / 1e6;
