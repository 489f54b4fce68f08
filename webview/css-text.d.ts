// CSS files imported by the webview bundle arrive as text (esbuild loader '.css': 'text'), adopted into Lit styles.
declare module '*.css' {
  const text: string;
  export default text;
}
