import { PageContext } from "@patternfly/react-core";
import { useContext, useEffect } from "react";

/**
 * The consoles' masthead comes from Keycloak's UI packages, which bundle their own PatternFly: its hamburger
 * button cannot reach our Page's sidebar state. This hook, used inside our Page, lets that button toggle it.
 */
export function useMastheadNavToggle(): void {
  const { isManagedSidebar, onSidebarToggle } = useContext(PageContext);
  useEffect(() => {
    if (!isManagedSidebar) return;
    const onClick = (event: MouseEvent) => {
      if ((event.target as Element | null)?.closest?.(".pf-v5-c-masthead__toggle button")) onSidebarToggle();
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, [isManagedSidebar, onSidebarToggle]);
}
