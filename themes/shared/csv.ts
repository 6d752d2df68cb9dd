import type { IssuedCredentials } from "./types";

// credentials.csv (DESIGN.md §4): header `User Name,Access Key Id,Secret Access Key` (temporary keys add
// `Security Token,Expiration`), CRLF, no quoting. Read by header name, so the column order does not matter.
const columns: Record<string, keyof IssuedCredentials> = {
  "user name": "userName",
  "access key id": "accessKeyId",
  "secret access key": "secretAccessKey",
  "security token": "securityToken",
  expiration: "expiration",
};

function splitLine(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else {
      cell += c;
    }
  }
  cells.push(cell);
  return cells;
}

export function parseCredentialsCsv(csv: string): IssuedCredentials {
  const lines = csv.replace(/^\uFEFF/, "").split(/\r?\n/).filter((line) => line.length > 0);
  if (lines.length < 2) throw new Error("The server's credentials.csv has no credentials row");
  const header = splitLine(lines[0]).map((name) => name.trim().toLowerCase());
  const row = splitLine(lines[1]);
  const result: Partial<IssuedCredentials> = {};
  header.forEach((name, index) => {
    const field = columns[name];
    if (field) result[field] = row[index]?.trim();
  });
  if (!result.accessKeyId || !result.secretAccessKey) {
    throw new Error("The server's credentials.csv lacks the access key ID or the secret access key");
  }
  return result as IssuedCredentials;
}
