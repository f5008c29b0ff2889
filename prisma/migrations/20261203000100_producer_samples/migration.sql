-- CreateTable
CREATE TABLE "ProducerSample" (
    "id" BIGSERIAL NOT NULL,
    "cluster" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "producer" TEXT,
    "records" INTEGER NOT NULL,

    CONSTRAINT "ProducerSample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConformanceSample" (
    "id" BIGSERIAL NOT NULL,
    "cluster" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "producer" TEXT,
    "contractVersion" INTEGER NOT NULL,
    "checked" INTEGER NOT NULL,
    "violations" INTEGER NOT NULL,

    CONSTRAINT "ConformanceSample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConformanceViolation" (
    "id" BIGSERIAL NOT NULL,
    "cluster" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "sampledAt" TIMESTAMP(3) NOT NULL,
    "partition" INTEGER NOT NULL,
    "offset" BIGINT NOT NULL,
    "recordAt" TIMESTAMP(3) NOT NULL,
    "producer" TEXT,
    "contractVersion" INTEGER NOT NULL,
    "pointer" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "value" JSONB NOT NULL,

    CONSTRAINT "ConformanceViolation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProducerSample_cluster_at_idx" ON "ProducerSample"("cluster", "at");

-- CreateIndex
CREATE INDEX "ConformanceSample_cluster_topic_at_idx" ON "ConformanceSample"("cluster", "topic", "at");

-- CreateIndex
CREATE INDEX "ConformanceSample_at_idx" ON "ConformanceSample"("at");

-- CreateIndex
CREATE INDEX "ConformanceViolation_cluster_topic_sampledAt_idx" ON "ConformanceViolation"("cluster", "topic", "sampledAt");

-- CreateIndex
CREATE INDEX "ConformanceViolation_sampledAt_idx" ON "ConformanceViolation"("sampledAt");
