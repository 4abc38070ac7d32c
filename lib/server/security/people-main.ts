/**
 * `npm run people`: who has signed in through the identity provider, and removing a person (their
 * sessions and API tokens end at once, on every instance, and they cannot sign in again).
 *
 *   npm run people                      list everyone
 *   npm run people -- remove <who>      <who> is an email, a name or a person:… key
 *   npm run people -- restore <who>     lets a removed person sign in again
 *   npm run people -- sign-out-team     ends every session made with the shared password
 */
import { parseEnv } from "@/lib/env-schema";
import { openDatabase } from "@/lib/server/db";
import { findPeople, listPeople, removePerson, restorePerson } from "@/lib/server/security/people";
import { TEAM_PRINCIPAL } from "@/lib/server/security/principal";
import { endSessionsOf } from "@/lib/server/security/session-store";

const USAGE = "Usage: npm run people [-- remove <email|name|key> | restore <email|name|key> | sign-out-team]";

async function main() {
  const parsed = parseEnv(process.env);
  if (!parsed.ok) {
    console.error(`The environment is not valid:\n${parsed.problems.map((p) => `  - ${p}`).join("\n")}`);
    return 1;
  }
  const [command = "list", ...rest] = process.argv.slice(2);
  const who = rest.join(" ").trim();
  const db = await openDatabase(parsed.env.database, { migrate: parsed.env.migrateOnStart });
  try {
    if (command === "list") {
      const people = await listPeople(db);
      if (people.length === 0) {
        console.info("Nobody has signed in through the identity provider yet.");
        return 0;
      }
      for (const person of people) {
        const seen = person.lastSignInAt ? new Date(person.lastSignInAt).toISOString() : "never";
        const state = person.removedAt ? `REMOVED ${new Date(person.removedAt).toISOString()}` : `last sign-in ${seen}`;
        console.info(`${person.key}  ${person.name ?? "-"}  <${person.email ?? "no email"}>  ${state}`);
      }
      return 0;
    }
    if (command === "sign-out-team") {
      const ended = await endSessionsOf(db, TEAM_PRINCIPAL.key);
      console.info(`Ended ${ended} session(s) made with the shared password.`);
      return 0;
    }
    if ((command !== "remove" && command !== "restore") || !who) {
      console.error(USAGE);
      return 2;
    }
    const matches = await findPeople(db, who);
    if (matches.length !== 1) {
      console.error(
        matches.length === 0
          ? `Nobody matches "${who}". \`npm run people\` lists everyone.`
          : `${matches.length} people match "${who}": use the person:… key from \`npm run people\`.`,
      );
      return 1;
    }
    const [person] = matches;
    if (!person) return 1;
    if (command === "restore") {
      await restorePerson(db, person.key);
      console.info(`${person.name ?? person.key} can sign in again.`);
      return 0;
    }
    const ended = await removePerson(db, person.key, Date.now());
    console.info(
      `Removed ${person.name ?? person.key}: ${ended.sessions} session(s) ended, ${ended.tokens} API token(s) revoked.`,
    );
    return 0;
  } finally {
    await db.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`npm run people failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
