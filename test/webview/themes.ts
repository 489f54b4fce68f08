// A subset of the --vscode-* variables VS Code injects into webviews, for dark, light and high-contrast themes.
export type Theme = 'dark' | 'light' | 'high-contrast';

const common: Record<string, string> = {
  'font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
  'font-size': '13px',
  'font-weight': 'normal',
  'editor-font-family': '"Droid Sans Mono", "monospace", monospace',
  'editor-font-size': '14px',
};

const themes: Record<Theme, Record<string, string>> = {
  dark: {
    foreground: '#cccccc', descriptionForeground: '#9d9d9d', errorForeground: '#f85149', focusBorder: '#0078d4',
    'editor-background': '#1f1f1f', 'editor-foreground': '#cccccc', 'sideBar-background': '#181818', 'panel-border': '#2b2b2b',
    'button-background': '#0078d4', 'button-foreground': '#ffffff', 'button-hoverBackground': '#026ec1', 'button-border': '#ffffff12',
    'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc', 'button-secondaryHoverBackground': '#3c3c3c',
    'input-background': '#313131', 'input-foreground': '#cccccc', 'input-border': '#3c3c3c', 'inputValidation-errorBorder': '#be1100',
    'dropdown-background': '#313131', 'dropdown-foreground': '#cccccc', 'dropdown-border': '#3c3c3c',
    'textCodeBlock-background': '#2b2b2b', 'textLink-foreground': '#4daafc', 'icon-foreground': '#cccccc', 'toolbar-hoverBackground': '#5a5d5e50',
    'charts-red': '#f14c4c', 'charts-blue': '#3794ff', 'charts-green': '#89d185', 'charts-yellow': '#cca700', 'charts-orange': '#d18616',
    'editorWarning-foreground': '#cca700', 'editorError-foreground': '#f14c4c', 'widget-border': '#313131', 'list-hoverBackground': '#2a2d2e',
  },
  light: {
    foreground: '#3b3b3b', descriptionForeground: '#3b3b3b', errorForeground: '#f85149', focusBorder: '#005fb8',
    'editor-background': '#ffffff', 'editor-foreground': '#3b3b3b', 'sideBar-background': '#f8f8f8', 'panel-border': '#e5e5e5',
    'button-background': '#005fb8', 'button-foreground': '#ffffff', 'button-hoverBackground': '#0258a8', 'button-border': '#0000001a',
    'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b', 'button-secondaryHoverBackground': '#cccccc',
    'input-background': '#ffffff', 'input-foreground': '#3b3b3b', 'input-border': '#cecece', 'inputValidation-errorBorder': '#be1100',
    'dropdown-background': '#ffffff', 'dropdown-foreground': '#3b3b3b', 'dropdown-border': '#cecece',
    'textCodeBlock-background': '#f8f8f8', 'textLink-foreground': '#005fb8', 'icon-foreground': '#3b3b3b', 'toolbar-hoverBackground': '#b8b8b850',
    'charts-red': '#e51400', 'charts-blue': '#1a85ff', 'charts-green': '#388a34', 'charts-yellow': '#bf8803', 'charts-orange': '#d18616',
    'editorWarning-foreground': '#bf8803', 'editorError-foreground': '#e51400', 'widget-border': '#e5e5e5', 'list-hoverBackground': '#f2f2f2',
  },
  'high-contrast': {
    foreground: '#ffffff', descriptionForeground: '#ffffffb3', errorForeground: '#f48771', focusBorder: '#f38518', contrastBorder: '#6fc3df', contrastActiveBorder: '#f38518',
    'editor-background': '#000000', 'editor-foreground': '#ffffff', 'sideBar-background': '#000000', 'panel-border': '#6fc3df',
    'button-background': '#000000', 'button-foreground': '#ffffff', 'button-hoverBackground': '#000000', 'button-border': '#6fc3df',
    'button-secondaryBackground': '#000000', 'button-secondaryForeground': '#ffffff', 'button-secondaryHoverBackground': '#000000',
    'input-background': '#000000', 'input-foreground': '#ffffff', 'input-border': '#6fc3df', 'inputValidation-errorBorder': '#6fc3df',
    'dropdown-background': '#000000', 'dropdown-foreground': '#ffffff', 'dropdown-border': '#6fc3df',
    'textCodeBlock-background': '#000000', 'textLink-foreground': '#21a6ff', 'icon-foreground': '#ffffff', 'toolbar-hoverBackground': '#000000',
    'charts-red': '#f48771', 'charts-blue': '#3794ff', 'charts-green': '#89d185', 'charts-yellow': '#ffd700', 'charts-orange': '#d18616',
    'editorWarning-foreground': '#ffd700', 'editorError-foreground': '#f48771', 'widget-border': '#6fc3df', 'list-hoverBackground': '#000000',
  },
};

/** `:root { --vscode-…: … }` for the theme. */
export function themeCss(theme: Theme): string {
  const vars = { ...common, ...themes[theme] };
  return `:root{${Object.entries(vars).map(([k, v]) => `--vscode-${k}:${v};`).join('')}}`;
}

/** The value of one variable in a theme (for assertions about colours). */
export function themeVar(theme: Theme, name: string): string | undefined {
  return ({ ...common, ...themes[theme] } as Record<string, string>)[name];
}
