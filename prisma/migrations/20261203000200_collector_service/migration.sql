-- CreateTable
CREATE TABLE "CollectorLease" (
    "cluster" TEXT NOT NULL,
    "epoch" BIGINT NOT NULL,
    "holder" TEXT NOT NULL,
    "renewedAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CollectorLease_pkey" PRIMARY KEY ("cluster")
);

-- CreateTable
CREATE TABLE "CollectorSnapshot" (
    "cluster" TEXT NOT NULL,
    "epoch" BIGINT NOT NULL,
    "holder" TEXT NOT NULL,
    "sampledAt" TIMESTAMPTZ(3),
    "snapshot" BYTEA,
    "state" BYTEA,
    "attemptAt" TIMESTAMPTZ(3) NOT NULL,
    "lastError" TEXT,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CollectorSnapshot_pkey" PRIMARY KEY ("cluster")
);

-- CreateTable
CREATE TABLE "CollectorTopicConfig" (
    "cluster" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "configs" JSONB NOT NULL,
    "readAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CollectorTopicConfig_pkey" PRIMARY KEY ("cluster","topic")
);
