-- CreateTable
CREATE TABLE "AlertEvaluation" (
    "cluster" TEXT NOT NULL,
    "evaluatedAt" TIMESTAMPTZ(3) NOT NULL,
    "epoch" BIGINT NOT NULL,

    CONSTRAINT "AlertEvaluation_pkey" PRIMARY KEY ("cluster")
);
