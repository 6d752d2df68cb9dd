import {
  ActionGroup,
  Alert,
  Button,
  Card,
  CardBody,
  CardTitle,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Text,
  TextContent,
  Title,
} from "@patternfly/react-core";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { AccessKeysApi, CsvAnswer } from "@shared/api";
import { CredentialsFields, DownloadCsvButton } from "@shared/components";
import { formatDateTime } from "@shared/format";
import { LoginCapable, takePendingAction } from "@shared/stepUp";
import type { Me } from "@shared/types";
import { useApiAction } from "@shared/useApiAction";

type Props = { api: AccessKeysApi; me: Me; keycloak: LoginCapable };

const FLOOR = 15 * 60;
const CEILING = 24 * 60 * 60;
const CHOICES = [900, 1800, 3600, 2 * 3600, 4 * 3600, 8 * 3600, 12 * 3600, CEILING];

export function durationLabel(t: TFunction, seconds: number): string {
  if (seconds % 3600 === 0) return seconds === 3600 ? t("akDurationOneHour") : t("akDurationHours", { count: seconds / 3600 });
  return t("akDurationMinutes", { count: Math.round(seconds / 60) });
}

/** Temporary access keys for a brokered session: pick a validity, Generate, copy or download; nothing is kept. */
export const TemporaryKeysSection = ({ api, me, keycloak }: Props) => {
  const { t, i18n } = useTranslation();
  const min = Math.max(FLOOR, me.temporaryMinDurationSeconds ?? FLOOR);
  const max = Math.min(CEILING, me.temporaryMaxDurationSeconds ?? CEILING);
  const fallback = Math.min(max, Math.max(min, me.temporaryDefaultDurationSeconds ?? FLOOR));
  const choices = useMemo(() => {
    const inRange = CHOICES.filter((seconds) => seconds >= min && seconds <= max);
    return [...new Set([...inRange, min, max, fallback])].sort((a, b) => a - b);
  }, [min, max, fallback]);
  const [duration, setDuration] = useState(fallback);
  const { busy, run } = useApiAction({ keycloak });
  // Held in memory only: a reload or leaving the page forgets the secret.
  const [issued, setIssued] = useState<CsvAnswer>();
  const resumed = useRef(false);

  const generate = useCallback(
    (durationSeconds: number, afterStepUp = false) =>
      run(async () => setIssued(await api.csv("POST", "/me/temporary", { body: { durationSeconds } })), {
        resume: { kind: "temporary", durationSeconds },
        afterStepUp,
      }),
    [api, run],
  );

  useEffect(() => {
    if (resumed.current) return;
    resumed.current = true;
    const pending = takePendingAction(["temporary"]);
    if (pending) {
      const seconds = Number(pending.durationSeconds);
      setDuration(seconds);
      generate(seconds, true);
    }
  }, [generate]);

  return (
    <section aria-labelledby="temporary-keys-title" data-testid="temporary-keys-section">
      <TextContent className="pf-v5-u-mb-md">
        <Title headingLevel="h2" size="xl" id="temporary-keys-title">
          {t("akTemporaryAccessKeys")}
        </Title>
        <Text>{t("akTemporaryDescription")}</Text>
      </TextContent>
      <Form
        onSubmit={(event) => {
          event.preventDefault();
          generate(duration);
        }}
      >
        <FormGroup label={t("akValidity")} fieldId="temporary-duration">
          <div style={{ maxWidth: "20rem" }}>
            <FormSelect
              id="temporary-duration"
              data-testid="temporary-duration"
              value={String(duration)}
              onChange={(_event, value) => setDuration(Number(value))}
              aria-label={t("akValidity")}
            >
              {choices.map((seconds) => (
                <FormSelectOption key={seconds} value={String(seconds)} label={durationLabel(t, seconds)} />
              ))}
            </FormSelect>
          </div>
        </FormGroup>
        <ActionGroup>
          <Button type="submit" variant="primary" isLoading={busy} isDisabled={busy} data-testid="generate-temporary">
            {t("akGenerate")}
          </Button>
        </ActionGroup>
      </Form>
      {issued && (
        <Card className="pf-v5-u-mt-lg" isFlat data-testid="temporary-credentials">
          <CardTitle>{t("akTemporaryIssuedTitle")}</CardTitle>
          <CardBody>
            <Alert variant="warning" isInline className="pf-v5-u-mb-md" title={t("akTemporaryOnceTitle")}>
              {t("akTemporaryOnceBody", { expiration: formatDateTime(issued.credentials.expiration, i18n.language) })}
            </Alert>
            <CredentialsFields credentials={issued.credentials} />
            <div className="pf-v5-u-mt-md">
              <DownloadCsvButton csv={issued.csv} filename={issued.filename} />{" "}
              <Button variant="link" onClick={() => setIssued(undefined)} data-testid="dismiss-temporary">
                {t("akClose")}
              </Button>
            </div>
          </CardBody>
        </Card>
      )}
    </section>
  );
};
