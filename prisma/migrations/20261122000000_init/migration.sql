-- CreateEnum
CREATE TYPE "Tier" AS ENUM ('critical', 'high', 'medium', 'low');

-- CreateEnum
CREATE TYPE "Lifecycle" AS ENUM ('experimental', 'production', 'deprecated');

-- CreateEnum
CREATE TYPE "Compatibility" AS ENUM ('none', 'backward', 'forward', 'full');

-- CreateEnum
CREATE TYPE "Classification" AS ENUM ('public', 'internal', 'confidential', 'pii');

-- CreateEnum
CREATE TYPE "FlowDirection" AS ENUM ('produces', 'consumes');

-- CreateTable
CREATE TABLE "Team" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "email" TEXT,
    "chatChannel" TEXT,
    "oncallUrl" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Service" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "teamId" UUID NOT NULL,
    "tier" "Tier" NOT NULL DEFAULT 'medium',
    "lifecycle" "Lifecycle" NOT NULL DEFAULT 'production',
    "repositoryUrl" TEXT,
    "runbookUrl" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "consumerGroups" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TopicContract" (
    "id" UUID NOT NULL,
    "cluster" TEXT NOT NULL DEFAULT 'local',
    "topic" TEXT NOT NULL,
    "ownerServiceId" UUID NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "valueSchema" JSONB,
    "keySchema" JSONB,
    "compatibility" "Compatibility" NOT NULL DEFAULT 'backward',
    "classification" "Classification" NOT NULL DEFAULT 'internal',
    "partitions" INTEGER,
    "retentionMs" BIGINT,
    "lagObjectiveSec" INTEGER,
    "exampleMessage" JSONB,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TopicContract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SchemaVersion" (
    "id" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "valueSchema" JSONB,
    "keySchema" JSONB,
    "author" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SchemaVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeclaredFlow" (
    "id" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "direction" "FlowDirection" NOT NULL,
    "purpose" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeclaredFlow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityKey" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TopicMetric" (
    "cluster" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "resolution" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "endOffsetSum" BIGINT NOT NULL,
    "messagesPerSec" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "TopicMetric_pkey" PRIMARY KEY ("cluster","topic","resolution","at")
);

-- CreateTable
CREATE TABLE "GroupMetric" (
    "cluster" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "resolution" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "lagSum" BIGINT NOT NULL,
    "lagMax" BIGINT NOT NULL,
    "timeLagSec" DOUBLE PRECISION,
    "consumedPerSec" DOUBLE PRECISION NOT NULL,
    "status" TEXT NOT NULL,

    CONSTRAINT "GroupMetric_pkey" PRIMARY KEY ("cluster","groupId","topic","resolution","at")
);

-- CreateIndex
CREATE UNIQUE INDEX "Team_slug_key" ON "Team"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Service_slug_key" ON "Service"("slug");

-- CreateIndex
CREATE INDEX "Service_teamId_idx" ON "Service"("teamId");

-- CreateIndex
CREATE INDEX "TopicContract_ownerServiceId_idx" ON "TopicContract"("ownerServiceId");

-- CreateIndex
CREATE UNIQUE INDEX "TopicContract_cluster_topic_key" ON "TopicContract"("cluster", "topic");

-- CreateIndex
CREATE UNIQUE INDEX "SchemaVersion_contractId_number_key" ON "SchemaVersion"("contractId", "number");

-- CreateIndex
CREATE INDEX "DeclaredFlow_contractId_idx" ON "DeclaredFlow"("contractId");

-- CreateIndex
CREATE UNIQUE INDEX "DeclaredFlow_serviceId_contractId_direction_key" ON "DeclaredFlow"("serviceId", "contractId", "direction");

-- CreateIndex
CREATE INDEX "AuditEntry_entityType_entityKey_at_idx" ON "AuditEntry"("entityType", "entityKey", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");

-- CreateIndex
CREATE INDEX "TopicMetric_resolution_at_idx" ON "TopicMetric"("resolution", "at");

-- CreateIndex
CREATE INDEX "GroupMetric_resolution_at_idx" ON "GroupMetric"("resolution", "at");

-- AddForeignKey
ALTER TABLE "Service" ADD CONSTRAINT "Service_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopicContract" ADD CONSTRAINT "TopicContract_ownerServiceId_fkey" FOREIGN KEY ("ownerServiceId") REFERENCES "Service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchemaVersion" ADD CONSTRAINT "SchemaVersion_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "TopicContract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeclaredFlow" ADD CONSTRAINT "DeclaredFlow_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeclaredFlow" ADD CONSTRAINT "DeclaredFlow_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "TopicContract"("id") ON DELETE CASCADE ON UPDATE CASCADE;
