-- Module keys become text: the list of modules lives in subgraphs/*/module.json, so adding a module needs
-- no migration here. The column keeps its values (USING casts them); the enum type goes.
-- AlterTable
ALTER TABLE "tenants" ALTER COLUMN "enabled_modules" TYPE TEXT[] USING "enabled_modules"::TEXT[];

-- DropEnum
DROP TYPE "ModuleKey";
