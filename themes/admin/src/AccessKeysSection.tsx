import { useRealm, ViewHeader } from "@keycloak/keycloak-admin-ui";
import { PageSection, Tab, Tabs, TabTitleText } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router-dom";
import { InventoryTab } from "./InventoryTab";
import { AccessKeysTab, toAccessKeys } from "./paths";
import { SettingsTab } from "./SettingsTab";
import { UsersTab } from "./UsersTab";

/** The realm's "Access keys" page: the inventory of all keys, finding a user, the realm settings. */
export default function AccessKeysSection() {
  const { t } = useTranslation();
  const { realm } = useRealm();
  const navigate = useNavigate();
  const { tab } = useParams<{ tab?: string }>();
  const active: AccessKeysTab = tab === "users" || tab === "settings" ? tab : "inventory";

  return (
    <>
      <ViewHeader titleKey="akNavAccessKeys" subKey="akPageDescription" divider={false} />
      <PageSection variant="light" className="pf-v5-u-p-0">
        <Tabs
          activeKey={active}
          onSelect={(_event, key) => navigate(toAccessKeys(realm, key as AccessKeysTab))}
          isBox={false}
          className="pf-v5-u-px-sm"
          mountOnEnter
          unmountOnExit
        >
          <Tab eventKey="inventory" data-testid="tab-inventory" title={<TabTitleText>{t("akTabInventory")}</TabTitleText>}>
            <InventoryTab />
          </Tab>
          <Tab eventKey="users" data-testid="tab-users" title={<TabTitleText>{t("akTabUsers")}</TabTitleText>}>
            <UsersTab />
          </Tab>
          {/* Everyone who may open this page may read the settings; saving needs manage-realm. */}
          <Tab eventKey="settings" data-testid="tab-settings" title={<TabTitleText>{t("akTabSettings")}</TabTitleText>}>
            <SettingsTab />
          </Tab>
        </Tabs>
      </PageSection>
    </>
  );
}
