-- AlterTable
ALTER TABLE "pay_profiles" DROP COLUMN "hr_event_at",
ADD COLUMN     "hr_revision" INTEGER NOT NULL DEFAULT 0;

-- Hand-written: HR's events are ordered by the employee's revision, no longer by when they occurred
-- (a host's clock). Profiles kept before get revision 0, so the next HR event of any revision (>= 1)
-- applies to them; afterwards every write names its revision (no default).
ALTER TABLE "pay_profiles" ALTER COLUMN "hr_revision" DROP DEFAULT;
ALTER TABLE "pay_profiles" ADD CONSTRAINT "pay_profiles_hr_revision_not_negative" CHECK ("hr_revision" >= 0);
