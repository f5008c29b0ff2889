-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "producerHeaderValues" TEXT[] DEFAULT ARRAY[]::TEXT[];
