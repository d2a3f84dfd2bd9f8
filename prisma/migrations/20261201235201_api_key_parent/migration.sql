-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "parentKeyId" UUID;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_parentKeyId_fkey" FOREIGN KEY ("parentKeyId") REFERENCES "ApiKey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
