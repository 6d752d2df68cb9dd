// PatternFly pieces both consoles use: the key table, the one-time secret dialog, confirmations.
import {
  Alert,
  Button,
  ClipboardCopy,
  ClipboardCopyVariant,
  EmptyState,
  EmptyStateBody,
  EmptyStateHeader,
  EmptyStateIcon,
  Form,
  FormGroup,
  Label,
  Modal,
  ModalVariant,
  TextInput,
} from "@patternfly/react-core";
import { CheckCircleIcon, KeyIcon, MinusCircleIcon } from "@patternfly/react-icons";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { ReactNode, useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime, lastUsedDetails } from "./format";
import { ScopeCell } from "./scope";
import type { AccessKey, IssuedCredentials, KeyStatus } from "./types";

/** A blob: URL for text, revoked when the component goes away. */
export function useObjectUrl(text: string, type: string): string {
  const url = useMemo(() => URL.createObjectURL(new Blob([text], { type })), [text, type]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return url;
}

export const StatusLabel = ({ status }: { status: KeyStatus }) => {
  const { t } = useTranslation();
  return status === "ACTIVE" ? (
    <Label color="green" icon={<CheckCircleIcon />} data-testid="key-status">
      {t("akStatusActive")}
    </Label>
  ) : (
    <Label color="grey" icon={<MinusCircleIcon />} data-testid="key-status">
      {t("akStatusInactive")}
    </Label>
  );
};

type CredentialsProps = {
  credentials: IssuedCredentials;
  csv: string;
  filename: string;
};

/** The download link for the server's credentials.csv. */
export const DownloadCsvButton = ({ csv, filename }: { csv: string; filename: string }) => {
  const { t } = useTranslation();
  const url = useObjectUrl(csv, "text/csv");
  return (
    <Button component="a" href={url} download={filename} variant="primary" data-testid="download-csv">
      {t("akDownloadCsv")}
    </Button>
  );
};

/** Access key ID, secret access key and (temporary keys) security token and expiration, each to copy. */
export const CredentialsFields = ({ credentials }: { credentials: IssuedCredentials }) => {
  const { t, i18n } = useTranslation();
  const copy = { hoverTip: t("akCopy"), clickTip: t("akCopied"), isReadOnly: true };
  return (
    <Form onSubmit={(event) => event.preventDefault()}>
      <FormGroup label={t("akAccessKeyId")} fieldId="issued-access-key-id">
        <ClipboardCopy {...copy} id="issued-access-key-id" data-testid="issued-access-key-id" textAriaLabel={t("akAccessKeyId")}>
          {credentials.accessKeyId}
        </ClipboardCopy>
      </FormGroup>
      <FormGroup label={t("akSecretAccessKey")} fieldId="issued-secret-access-key">
        <ClipboardCopy
          {...copy}
          id="issued-secret-access-key"
          data-testid="issued-secret-access-key"
          textAriaLabel={t("akSecretAccessKey")}
        >
          {credentials.secretAccessKey}
        </ClipboardCopy>
      </FormGroup>
      {credentials.securityToken && (
        <FormGroup label={t("akSecurityToken")} fieldId="issued-security-token">
          <ClipboardCopy
            {...copy}
            id="issued-security-token"
            data-testid="issued-security-token"
            variant={ClipboardCopyVariant.expansion}
            textAriaLabel={t("akSecurityToken")}
          >
            {credentials.securityToken}
          </ClipboardCopy>
        </FormGroup>
      )}
      {credentials.expiration && (
        <FormGroup label={t("akExpiration")} fieldId="issued-expiration">
          <ClipboardCopy {...copy} id="issued-expiration" data-testid="issued-expiration" textAriaLabel={t("akExpiration")}>
            {credentials.expiration}
          </ClipboardCopy>
          <div className="pf-v5-u-color-200 pf-v5-u-mt-xs" data-testid="issued-expiration-local">
            {formatDateTime(credentials.expiration, i18n.language)}
          </div>
        </FormGroup>
      )}
    </Form>
  );
};

/** A new permanent key: the secret shown once, with copy buttons and the server's credentials.csv. */
export const CreatedKeyDialog = ({ credentials, csv, filename, onClose }: CredentialsProps & { onClose: () => void }) => {
  const { t } = useTranslation();
  return (
    <Modal
      variant={ModalVariant.medium}
      title={t("akCreatedTitle")}
      isOpen
      onClose={onClose}
      data-testid="created-key-dialog"
      actions={[
        <DownloadCsvButton key="download" csv={csv} filename={filename} />,
        <Button key="close" variant="secondary" onClick={onClose} data-testid="close-created-key">
          {t("akClose")}
        </Button>,
      ]}
    >
      <Alert variant="warning" isInline title={t("akSecretOnceTitle")} className="pf-v5-u-mb-md" data-testid="secret-once-warning">
        {t("akSecretOnceBody")}
      </Alert>
      <CredentialsFields credentials={credentials} />
    </Modal>
  );
};

type ConfirmProps = {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  danger?: boolean;
};

export const ConfirmDialog = ({ title, body, confirmLabel, onConfirm, onCancel, danger = true }: ConfirmProps) => {
  const { t } = useTranslation();
  return (
    <Modal
      variant={ModalVariant.small}
      title={title}
      titleIconVariant={danger ? "warning" : undefined}
      isOpen
      onClose={onCancel}
      data-testid="confirm-dialog"
      actions={[
        <Button key="confirm" variant={danger ? "danger" : "primary"} onClick={onConfirm} data-testid="confirm">
          {confirmLabel}
        </Button>,
        <Button key="cancel" variant="link" onClick={onCancel} data-testid="cancel">
          {t("akCancel")}
        </Button>,
      ]}
    >
      {body}
    </Modal>
  );
};

type KeysTableProps = {
  keys: AccessKey[];
  /** Shows the Disable/Enable and Delete buttons. */
  canWrite: boolean;
  onSetStatus: (key: AccessKey, status: KeyStatus) => void;
  onDelete: (key: AccessKey) => void;
  /** Adds a User column (the admin inventory). */
  renderUser?: (key: AccessKey) => ReactNode;
  /** A label beside the access key ID (a rotation's old and new key). */
  keyLabel?: (key: AccessKey) => ReactNode;
  /** Disables the row buttons while a request is running. */
  busy?: boolean;
  emptyTitle: string;
  emptyBody?: string;
};

/** When the key stops working (the realm's maximum key age), and Due for rotation from 14 days before. */
export const ExpiresCell = ({ accessKey }: { accessKey: AccessKey }) => {
  const { t, i18n } = useTranslation();
  return (
    <>
      {accessKey.expiresAt ? (
        <span data-testid="key-expires-at">{formatDateTime(accessKey.expiresAt, i18n.language)}</span>
      ) : (
        <span className="pf-v5-u-color-200">—</span>
      )}
      {accessKey.rotationDue && (
        <div>
          <Label color="orange" isCompact data-testid="key-rotation-due">
            {t("akDueForRotation")}
          </Label>
        </div>
      )}
    </>
  );
};

/** Access key ID, (User,) Description, Scope, Status, Created, Expires, Last used; per row Disable/Enable and Delete. */
export const KeysTable = ({ keys, canWrite, onSetStatus, onDelete, renderUser, keyLabel, busy, emptyTitle, emptyBody }: KeysTableProps) => {
  const { t, i18n } = useTranslation();
  if (keys.length === 0) {
    return (
      <EmptyState variant="sm" data-testid="keys-empty">
        <EmptyStateHeader titleText={emptyTitle} headingLevel="h3" icon={<EmptyStateIcon icon={KeyIcon} />} />
        {emptyBody && <EmptyStateBody>{emptyBody}</EmptyStateBody>}
      </EmptyState>
    );
  }
  return (
    <Table aria-label={t("akAccessKeys")} variant="compact" data-testid="keys-table">
      <Thead>
        <Tr>
          <Th>{t("akAccessKeyId")}</Th>
          {renderUser && <Th>{t("akUser")}</Th>}
          <Th>{t("akDescription")}</Th>
          <Th>{t("akScope")}</Th>
          <Th>{t("akStatus")}</Th>
          <Th>{t("akCreated")}</Th>
          <Th>{t("akExpires")}</Th>
          <Th>{t("akLastUsed")}</Th>
          {canWrite && <Th screenReaderText={t("akActions")} />}
        </Tr>
      </Thead>
      <Tbody>
        {keys.map((key) => (
          <Tr key={key.accessKeyId} data-testid={`key-row-${key.accessKeyId}`}>
            <Td dataLabel={t("akAccessKeyId")}>
              <code data-testid="key-id">{key.accessKeyId}</code>
              {keyLabel?.(key)}
            </Td>
            {renderUser && <Td dataLabel={t("akUser")}>{renderUser(key)}</Td>}
            <Td dataLabel={t("akDescription")} data-testid="key-description">
              {key.description || <span className="pf-v5-u-color-200">—</span>}
            </Td>
            <Td dataLabel={t("akScope")} data-testid="key-scope">
              <ScopeCell roles={key.roles} />
            </Td>
            <Td dataLabel={t("akStatus")}>
              <StatusLabel status={key.status} />
            </Td>
            <Td dataLabel={t("akCreated")}>{formatDateTime(key.createdAt, i18n.language)}</Td>
            <Td dataLabel={t("akExpires")} data-testid="key-expires">
              <ExpiresCell accessKey={key} />
            </Td>
            <Td dataLabel={t("akLastUsed")} data-testid="key-last-used">
              {key.lastUsed ? (
                <>
                  {formatDateTime(key.lastUsed.at, i18n.language)}
                  <div className="pf-v5-u-color-200 pf-v5-u-font-size-sm">{lastUsedDetails(key.lastUsed)}</div>
                </>
              ) : (
                <span className="pf-v5-u-color-200">{t("akNeverUsed")}</span>
              )}
            </Td>
            {canWrite && (
              <Td isActionCell modifier="nowrap">
                {key.status === "ACTIVE" ? (
                  <Button
                    variant="secondary"
                    size="sm"
                    isDisabled={busy}
                    onClick={() => onSetStatus(key, "INACTIVE")}
                    data-testid={`disable-${key.accessKeyId}`}
                  >
                    {t("akDisable")}
                  </Button>
                ) : (
                  <Button
                    variant="secondary"
                    size="sm"
                    isDisabled={busy}
                    onClick={() => onSetStatus(key, "ACTIVE")}
                    data-testid={`enable-${key.accessKeyId}`}
                  >
                    {t("akEnable")}
                  </Button>
                )}{" "}
                <Button
                  variant="secondary"
                  isDanger
                  size="sm"
                  isDisabled={busy}
                  onClick={() => onDelete(key)}
                  data-testid={`delete-${key.accessKeyId}`}
                >
                  {t("akDelete")}
                </Button>
              </Td>
            )}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

/** The create dialog of both consoles: the description field, then (scope) the role picker. */
export const CreateKeyDialog = ({
  onCreate,
  onCancel,
  busy,
  description,
  setDescription,
  children,
  scope,
  createDisabled = false,
}: {
  onCreate: () => void;
  onCancel: () => void;
  busy: boolean;
  description: string;
  setDescription: (value: string) => void;
  children?: ReactNode;
  /** Below the description: the ScopePicker. */
  scope?: ReactNode;
  /** Create is not possible yet (e.g. "Limit to roles" without a role). */
  createDisabled?: boolean;
}) => {
  const { t } = useTranslation();
  return (
    <Modal
      title={t("akCreateAccessKey")}
      variant={scope ? ModalVariant.medium : ModalVariant.small}
      isOpen
      onClose={onCancel}
      data-testid="create-key-dialog"
      actions={[
        <Button
          key="create"
          variant="primary"
          onClick={onCreate}
          isDisabled={busy || createDisabled}
          isLoading={busy}
          data-testid="create-key-confirm"
        >
          {t("akCreate")}
        </Button>,
        <Button key="cancel" variant="link" onClick={onCancel} data-testid="cancel">
          {t("akCancel")}
        </Button>,
      ]}
    >
      {children}
      <Form
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy && !createDisabled) onCreate();
        }}
      >
        <FormGroup label={t("akDescription")} fieldId="new-key-description">
          <TextInput
            id="new-key-description"
            data-testid="new-key-description"
            maxLength={255}
            value={description}
            placeholder={t("akDescriptionPlaceholder")}
            onChange={(_event, value) => setDescription(value)}
            autoFocus
          />
        </FormGroup>
        {scope}
      </Form>
    </Modal>
  );
};
