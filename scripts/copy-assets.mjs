// Copies the non-TypeScript assets the compiled build needs (stylesheets, schemas).
import { cpSync, existsSync } from 'node:fs';

for (const dir of ['src/web/static', 'src/demo/xsd']) {
  if (existsSync(dir)) cpSync(dir, `dist/${dir}`, { recursive: true });
}
