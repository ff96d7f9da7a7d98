-- AlterTable
ALTER TABLE "employees" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 1;

-- Hand-written: existing employees start at revision 1 (the default above). Every change that
-- records an hr.employee.* event increments the revision in its own UPDATE; it never goes below 1.
ALTER TABLE "employees" ADD CONSTRAINT "employees_revision_positive" CHECK ("revision" >= 1);
