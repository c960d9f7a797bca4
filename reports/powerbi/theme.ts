/**
 * The report's theme in the team's colours (the HTML dashboard's navy, blue, green and amber), shipped
 * as a registered resource: PBIR reads it from StaticResources/RegisteredResources/<name>, and the
 * theme file's "name" must equal the file name report.json references.
 */
export const THEME_FILE = 'OnlineRetail-theme.json';

/** Report, page and visual versions the theme was added at (report.json's reportVersionAtImport). */
export const THEME_VERSION_AT_IMPORT = { visual: '2.4.0', report: '3.0.0', page: '2.0.0' };

export const theme = {
  name: THEME_FILE,
  dataColors: ['#2f6db5', '#4f9a62', '#d08b2c', '#1f3a5f', '#8e5ea2', '#c0504d', '#5ba3c9', '#9aa5b1'],
  foreground: '#222222',
  background: '#ffffff',
  backgroundLight: '#f5f6f8',
  tableAccent: '#1f3a5f',
  good: '#4f9a62',
  neutral: '#d08b2c',
  bad: '#c0504d',
  hyperlink: '#2f6db5',
};

/** The report.json parts that register the theme: themeCollection and its resource package. */
export function themeRegistration() {
  const ref = { name: THEME_FILE, reportVersionAtImport: THEME_VERSION_AT_IMPORT, type: 'RegisteredResources' as const };
  return {
    // The project theme is both the base (every Desktop-saved report names one) and the custom theme,
    // whose name, path, file and colours Microsoft's validator checks.
    themeCollection: { baseTheme: ref, customTheme: ref },
    resourcePackages: [{ name: 'RegisteredResources', type: 'RegisteredResources', items: [{ name: THEME_FILE, path: THEME_FILE, type: 'CustomTheme' }] }],
  };
}
