// `npm run db:generate`: generates the Prisma client offline (see scripts/lib/prisma-generate.ts).
import { runPrismaGenerate } from "./lib/prisma-generate";

process.exitCode = runPrismaGenerate(process.argv.slice(2));
