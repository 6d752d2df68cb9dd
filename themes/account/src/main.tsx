// The entry point. Keycloak finds the console's script and styles in .vite/manifest.json by the entry's source
// path, src/main.tsx, so the entry keeps this path; the stock start-up it runs is in ./stock/main.tsx.
import "./stock/main";
