// The Vite configuration both console builds share. build.mjs calls it; nothing else reads it.
import react from "@vitejs/plugin-react-swc";
import path from "node:path";
import { fileURLToPath } from "node:url";

const themesDir = path.dirname(fileURLToPath(import.meta.url));

/**
 * @param {"account" | "admin"} name the console: its sources are in themes/<name>/src
 * @param {string} outDir where the theme's resources go (…/theme/access-keys/<name>/resources)
 */
export function consoleConfig(name, outDir) {
  const root = path.join(themesDir, name);
  return {
    configFile: false,
    root,
    // Relative URLs: Keycloak serves the files under /resources/<version>/<type>/access-keys/.
    base: "",
    publicDir: path.join(root, "public"),
    logLevel: "warn",
    resolve: {
      alias: {
        "@shared": path.join(themesDir, "shared"),
        // The account UI package bundles PatternFly but does not export its stylesheet.
        "@account-ui-styles": path.join(
          themesDir,
          "node_modules/@keycloak/keycloak-account-ui/lib/keycloak-account-ui.css",
        ),
      },
      // One copy of each of these, whoever imports them (the packages bundle the rest).
      dedupe: ["react", "react-dom", "react-router-dom", "react-i18next", "i18next"],
    },
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      // Keycloak's index.ftl finds the entry script and styles in .vite/manifest.json.
      manifest: true,
      target: "es2022",
      sourcemap: false,
      // index.ftl links the entry's stylesheet (manifest "css"); lazy pages load theirs through Vite's preload
      // helper, so module preloading stays on.
      chunkSizeWarningLimit: 8000,
      reportCompressedSize: false,
      rollupOptions: {
        input: path.join(root, "src/main.tsx"),
      },
    },
  };
}
