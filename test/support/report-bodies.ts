/** A pothole on Tole bi in Taraz: the place the monitoring tests' citizens report and their cases open at. */
export const TOLE_BI_POTHOLE = {
  location: { lat: 42.9, lon: 71.3667 },
  district: 'Taraz',
  address: 'Tole bi 12',
  defectType: 'pothole',
} as const;

/** A citizen's report of that pothole, as POST /reports takes it. */
export const roadReportBody = (description: string, photos: string[] = []) => ({
  kind: 'road_defect',
  description,
  road: { ...TOLE_BI_POTHOLE, photos },
});

/** A pothole an inspector opens a road case for directly, as POST /cases takes it (no citizen's report behind it). */
export const INSPECTOR_POTHOLE_CASE = {
  location: { lat: 42.9, lon: 71.37 },
  district: 'Taraz',
  address: 'Tole bi 1',
  defectType: 'pothole',
  description: 'deep',
};
