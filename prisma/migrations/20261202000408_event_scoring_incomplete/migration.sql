-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "scoringIncomplete" TEXT;
