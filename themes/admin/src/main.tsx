// The entry point. Keycloak's index.ftl finds the console's script and styles under the key "src/main.tsx" of
// .vite/manifest.json, so the entry keeps this path; the stock start-up it runs is in ./stock/main.tsx.
import "./stock/main";
