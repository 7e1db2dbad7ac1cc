/**
 * `npm run users -- add --email E --name N --role rep|manager|hr --team T [--manages T1,T2]`
 * Creates an account. The password comes from FAIRPLAY_PASSWORD or a prompt, never an argument
 * (arguments end up in shell history and process lists). Run it while the server is stopped.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { checkPassword, PASSWORD_MIN } from '../src/server/auth/password-rules.ts';
import { emailField, nameField } from '../src/server/auth/schemas.ts';
import { createPerson, ensureTeam } from '../src/server/people.ts';
import { closeStore, openStore } from '../src/server/store/index.ts';
import { roles, type Role } from '../src/server/store/schema.ts';

const usage = 'usage: npm run users -- add --email E --name N --role rep|manager|hr [--team T] [--manages T1,T2]';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    team: { type: 'string' },
    manages: { type: 'string' },
  },
});
if (positionals[0] !== 'add') fail(usage);
const email = emailField.safeParse(values.email ?? '');
if (!email.success) fail(`--email: a valid email address is required\n${usage}`);
const name = nameField.safeParse(values.name ?? '');
if (!name.success) fail(`--name: a name of 1-100 characters is required\n${usage}`);
if (!roles.includes(values.role as Role)) fail(`--role must be one of ${roles.join(', ')}\n${usage}`);

let password = process.env.FAIRPLAY_PASSWORD;
if (!password) {
  if (!process.stdin.isTTY) fail('Set FAIRPLAY_PASSWORD, or run in a terminal to be asked for the password.');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  password = await rl.question('Password: ');
  rl.close();
}
const problem = checkPassword(password);
if (problem)
  fail(`The password is ${problem.replace('-', ' ')}: use at least ${PASSWORD_MIN} characters mixing letters, digits or symbols.`);

try {
  openStore();
  const team = values.team ? (await ensureTeam(values.team)).id : null;
  const manages = values.manages
    ? await Promise.all(
        values.manages
          .split(',')
          .filter(Boolean)
          .map(async (name) => (await ensureTeam(name)).id),
      )
    : [];
  const profile = await createPerson({
    email: email.data,
    name: name.data,
    role: values.role as Role,
    team,
    manages,
    password,
    mustChangePassword: false,
  });
  console.log(`Added ${profile.name} <${profile.email}> as ${profile.role}${values.team ? ` in team ${values.team}` : ''}.`);
} catch (error) {
  fail((error as Error).message);
} finally {
  closeStore();
}
