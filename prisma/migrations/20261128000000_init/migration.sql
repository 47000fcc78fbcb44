-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'LAWYER', 'CASEWORKER', 'VIEWER');

-- CreateEnum
CREATE TYPE "Locale" AS ENUM ('en', 'ko');

-- CreateEnum
CREATE TYPE "DatePrecision" AS ENUM ('DAY', 'MONTH', 'YEAR');

-- CreateEnum
CREATE TYPE "Sex" AS ENUM ('FEMALE', 'MALE', 'OTHER', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "DetaineeStatus" AS ENUM ('REPORTED', 'DETAINED', 'RELEASED', 'REPATRIATED', 'RESETTLED', 'DECEASED', 'CLOSED', 'DETAINED_IN_DPRK', 'DISAPPEARED');

-- CreateEnum
CREATE TYPE "FacilityType" AS ENUM ('DETENTION_CENTRE', 'BORDER_DEFENCE_STATION', 'PUBLIC_SECURITY_BUREAU', 'PRISON', 'DPRK_HOLDING_CENTRE', 'LABOUR_TRAINING_CAMP', 'RE_EDUCATION_CAMP', 'POLITICAL_PRISON_CAMP', 'INTERROGATION_FACILITY', 'OTHER');

-- CreateEnum
CREATE TYPE "Confidence" AS ENUM ('LOW', 'MEDIUM', 'HIGH');

-- CreateEnum
CREATE TYPE "VerificationStatus" AS ENUM ('REPORTED', 'CORROBORATED', 'CONFIRMED', 'DISPUTED');

-- CreateEnum
CREATE TYPE "IndicatorType" AS ENUM ('TRANSFER_TO_BORDER_FACILITY', 'INTERROGATION_COMPLETED', 'PHOTOGRAPHED_OR_CONFESSION_SIGNED', 'DPRK_OFFICIALS_VISIT', 'IDENTITY_CONFIRMED_TO_DPRK', 'SENTENCE_ENDING', 'FAMILY_CONTACT_LOST', 'SUPPLIES_REFUSED', 'VISITS_REFUSED', 'BORDER_CROSSING_OPENED', 'DIPLOMATIC_CALENDAR', 'MASS_TRANSPORT_SEEN', 'OTHER');

-- CreateEnum
CREATE TYPE "SourceKind" AS ENUM ('FAMILY_MEMBER', 'RELEASED_DETAINEE', 'PARTNER_NGO', 'MEDIA', 'LAWYER', 'GOVERNMENT', 'OTHER');

-- CreateEnum
CREATE TYPE "ConfidentialityLevel" AS ENUM ('PUBLIC', 'INTERNAL', 'CONFIDENTIAL');

-- CreateEnum
CREATE TYPE "ConsentChannel" AS ENUM ('WGAD', 'SPECIAL_PROCEDURES', 'WGEID', 'UNHCR', 'MEDIA');

-- CreateEnum
CREATE TYPE "ConsentNaming" AS ENUM ('FULL_NAME', 'INITIALS');

-- CreateEnum
CREATE TYPE "ConsentGivenBy" AS ENUM ('DETAINEE', 'RELATIVE', 'LEGAL_REPRESENTATIVE');

-- CreateEnum
CREATE TYPE "ConsentMethod" AS ENUM ('IN_PERSON', 'PHONE', 'WRITTEN', 'MESSAGING', 'OTHER');

-- CreateEnum
CREATE TYPE "PetitionKind" AS ENUM ('WGAD_URGENT_APPEAL', 'WGAD_REGULAR_COMMUNICATION', 'SPECIAL_PROCEDURES_URGENT_APPEAL', 'WGEID_URGENT_ACTION', 'UNHCR_INTERVENTION', 'UNGA_THIRD_COMMITTEE_LETTER', 'ROK_GOVERNMENT_LETTER', 'CAT_ARTICLE_22');

-- CreateEnum
CREATE TYPE "PetitionStatus" AS ENUM ('DRAFT', 'IN_REVIEW', 'APPROVED', 'SUBMITTED', 'ACKNOWLEDGED', 'RESPONSE_RECEIVED', 'CLOSED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ActivityKind" AS ENUM ('NOTE', 'CALL', 'STATUS_CHANGE', 'CUSTODY_CHANGE', 'PETITION', 'ATTACHMENT', 'CONSENT', 'OTHER');

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('REPATRIATION_AT_FACILITY', 'RISK_RAISED', 'DEADLINE_APPROACHING', 'STATUS_CHANGED');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "locale" "Locale" NOT NULL DEFAULT 'en',
    "passwordHash" TEXT NOT NULL,
    "totpSecretEnc" TEXT,
    "totpEnabledAt" TIMESTAMP(3),
    "sessionVersion" INTEGER NOT NULL DEFAULT 1,
    "disabledAt" TIMESTAMP(3),
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Team" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamMembership" (
    "userId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamMembership_pkey" PRIMARY KEY ("userId","teamId")
);

-- CreateTable
CREATE TABLE "Detainee" (
    "id" TEXT NOT NULL,
    "caseNumber" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "familyNameRoman" TEXT,
    "givenNameRoman" TEXT,
    "nameHangul" TEXT,
    "nameChinese" TEXT,
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "searchText" TEXT NOT NULL DEFAULT '',
    "sex" "Sex" NOT NULL DEFAULT 'UNKNOWN',
    "birthDate" DATE,
    "birthDatePrecision" "DatePrecision",
    "estimatedAge" INTEGER,
    "homeProvince" TEXT,
    "status" "DetaineeStatus" NOT NULL DEFAULT 'REPORTED',
    "statusChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "arrestDate" DATE,
    "arrestDatePrecision" "DatePrecision",
    "arrestPlace" TEXT,
    "arrestAuthority" TEXT,
    "narrative" TEXT,
    "narrativeConfidentialEnc" TEXT,
    "healthConcerns" TEXT,
    "hasSouthKoreaLinks" BOOLEAN NOT NULL DEFAULT false,
    "familyContactsEnc" TEXT,
    "riskScore" INTEGER,
    "riskLevel" TEXT,
    "riskComputedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "Detainee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DetaineeAssignment" (
    "detaineeId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DetaineeAssignment_pkey" PRIMARY KEY ("detaineeId","userId")
);

-- CreateTable
CREATE TABLE "CustodyPeriod" (
    "id" TEXT NOT NULL,
    "detaineeId" TEXT NOT NULL,
    "facilityId" TEXT NOT NULL,
    "fromDate" DATE NOT NULL,
    "fromPrecision" "DatePrecision" NOT NULL,
    "toDate" DATE,
    "toPrecision" "DatePrecision",
    "howKnown" TEXT,
    "confidence" "Confidence" NOT NULL DEFAULT 'MEDIUM',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustodyPeriod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DetentionFacility" (
    "id" TEXT NOT NULL,
    "refCode" TEXT,
    "nameEn" TEXT NOT NULL,
    "nameLocal" TEXT,
    "type" "FacilityType" NOT NULL,
    "country" CHAR(2) NOT NULL,
    "province" TEXT,
    "city" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "notes" TEXT,
    "sources" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "confidence" "Confidence" NOT NULL DEFAULT 'MEDIUM',
    "riskScore" INTEGER,
    "riskLevel" TEXT,
    "riskComputedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "DetentionFacility_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FacilityRiskSnapshot" (
    "facilityId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "score" INTEGER NOT NULL,
    "level" TEXT NOT NULL,

    CONSTRAINT "FacilityRiskSnapshot_pkey" PRIMARY KEY ("facilityId","day")
);

-- CreateTable
CREATE TABLE "RepatriationEvent" (
    "id" TEXT NOT NULL,
    "refCode" TEXT,
    "date" DATE NOT NULL,
    "datePrecision" "DatePrecision" NOT NULL,
    "facilityId" TEXT,
    "fromRegion" TEXT,
    "province" TEXT,
    "handoverPoint" TEXT,
    "reportedMin" INTEGER,
    "reportedMax" INTEGER,
    "verification" "VerificationStatus" NOT NULL DEFAULT 'REPORTED',
    "description" TEXT,
    "sources" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "RepatriationEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RepatriationEventDetainee" (
    "eventId" TEXT NOT NULL,
    "detaineeId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RepatriationEventDetainee_pkey" PRIMARY KEY ("eventId","detaineeId")
);

-- CreateTable
CREATE TABLE "Indicator" (
    "id" TEXT NOT NULL,
    "type" "IndicatorType" NOT NULL,
    "facilityId" TEXT,
    "detaineeId" TEXT,
    "observedOn" DATE NOT NULL,
    "datePrecision" "DatePrecision" NOT NULL DEFAULT 'DAY',
    "confidence" "Confidence" NOT NULL DEFAULT 'MEDIUM',
    "sourceId" TEXT,
    "description" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "Indicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Source" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "detaineeId" TEXT,
    "kind" "SourceKind" NOT NULL,
    "label" TEXT NOT NULL,
    "identityEnc" TEXT,
    "contactEnc" TEXT,
    "confidentiality" "ConfidentialityLevel" NOT NULL DEFAULT 'CONFIDENTIAL',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL,
    "detaineeId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "isConfidential" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT,
    "uploadedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Consent" (
    "id" TEXT NOT NULL,
    "detaineeId" TEXT NOT NULL,
    "channel" "ConsentChannel" NOT NULL,
    "naming" "ConsentNaming" NOT NULL,
    "givenBy" "ConsentGivenBy" NOT NULL,
    "givenByName" TEXT,
    "method" "ConsentMethod" NOT NULL,
    "givenOn" DATE NOT NULL,
    "notes" TEXT,
    "revokedAt" TIMESTAMP(3),
    "revokedNote" TEXT,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Petition" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "kind" "PetitionKind" NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'en',
    "title" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "status" "PetitionStatus" NOT NULL DEFAULT 'DRAFT',
    "unReference" TEXT,
    "submittedOn" DATE,
    "acknowledgedOn" DATE,
    "responseDueOn" DATE,
    "responseReceivedOn" DATE,
    "authorId" TEXT,
    "approverId" TEXT,
    "approvedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "Petition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PetitionDetainee" (
    "petitionId" TEXT NOT NULL,
    "detaineeId" TEXT NOT NULL,

    CONSTRAINT "PetitionDetainee_pkey" PRIMARY KEY ("petitionId","detaineeId")
);

-- CreateTable
CREATE TABLE "Activity" (
    "id" TEXT NOT NULL,
    "detaineeId" TEXT NOT NULL,
    "kind" "ActivityKind" NOT NULL,
    "body" TEXT,
    "isConfidential" BOOLEAN NOT NULL DEFAULT false,
    "bodyEnc" TEXT,
    "meta" JSONB,
    "actorId" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT,
    "href" TEXT,
    "dedupeKey" TEXT NOT NULL,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorLabel" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT,
    "entityId" TEXT,
    "requestId" TEXT,
    "ip" TEXT,
    "meta" JSONB,
    "prevHash" CHAR(64) NOT NULL,
    "hash" CHAR(64) NOT NULL,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "success" BOOLEAN NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseNumberCounter" (
    "year" INTEGER NOT NULL,
    "value" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CaseNumberCounter_pkey" PRIMARY KEY ("year")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_role_idx" ON "User"("role");

-- CreateIndex
CREATE INDEX "User_disabledAt_idx" ON "User"("disabledAt");

-- CreateIndex
CREATE UNIQUE INDEX "Team_name_key" ON "Team"("name");

-- CreateIndex
CREATE INDEX "TeamMembership_teamId_idx" ON "TeamMembership"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "Detainee_caseNumber_key" ON "Detainee"("caseNumber");

-- CreateIndex
CREATE INDEX "Detainee_teamId_status_idx" ON "Detainee"("teamId", "status");

-- CreateIndex
CREATE INDEX "Detainee_teamId_archivedAt_idx" ON "Detainee"("teamId", "archivedAt");

-- CreateIndex
CREATE INDEX "Detainee_status_idx" ON "Detainee"("status");

-- CreateIndex
CREATE INDEX "Detainee_riskScore_idx" ON "Detainee"("riskScore");

-- CreateIndex
CREATE INDEX "Detainee_createdAt_idx" ON "Detainee"("createdAt");

-- CreateIndex
CREATE INDEX "DetaineeAssignment_userId_idx" ON "DetaineeAssignment"("userId");

-- CreateIndex
CREATE INDEX "CustodyPeriod_detaineeId_fromDate_idx" ON "CustodyPeriod"("detaineeId", "fromDate");

-- CreateIndex
CREATE INDEX "CustodyPeriod_facilityId_toDate_idx" ON "CustodyPeriod"("facilityId", "toDate");

-- CreateIndex
CREATE UNIQUE INDEX "DetentionFacility_refCode_key" ON "DetentionFacility"("refCode");

-- CreateIndex
CREATE INDEX "DetentionFacility_country_province_idx" ON "DetentionFacility"("country", "province");

-- CreateIndex
CREATE INDEX "DetentionFacility_type_idx" ON "DetentionFacility"("type");

-- CreateIndex
CREATE INDEX "DetentionFacility_riskScore_idx" ON "DetentionFacility"("riskScore");

-- CreateIndex
CREATE UNIQUE INDEX "RepatriationEvent_refCode_key" ON "RepatriationEvent"("refCode");

-- CreateIndex
CREATE INDEX "RepatriationEvent_facilityId_date_idx" ON "RepatriationEvent"("facilityId", "date");

-- CreateIndex
CREATE INDEX "RepatriationEvent_date_idx" ON "RepatriationEvent"("date");

-- CreateIndex
CREATE INDEX "RepatriationEvent_province_date_idx" ON "RepatriationEvent"("province", "date");

-- CreateIndex
CREATE INDEX "RepatriationEvent_verification_idx" ON "RepatriationEvent"("verification");

-- CreateIndex
CREATE INDEX "RepatriationEventDetainee_detaineeId_idx" ON "RepatriationEventDetainee"("detaineeId");

-- CreateIndex
CREATE INDEX "Indicator_facilityId_observedOn_idx" ON "Indicator"("facilityId", "observedOn");

-- CreateIndex
CREATE INDEX "Indicator_detaineeId_observedOn_idx" ON "Indicator"("detaineeId", "observedOn");

-- CreateIndex
CREATE INDEX "Indicator_sourceId_idx" ON "Indicator"("sourceId");

-- CreateIndex
CREATE INDEX "Source_teamId_idx" ON "Source"("teamId");

-- CreateIndex
CREATE INDEX "Source_detaineeId_idx" ON "Source"("detaineeId");

-- CreateIndex
CREATE UNIQUE INDEX "Attachment_storageKey_key" ON "Attachment"("storageKey");

-- CreateIndex
CREATE INDEX "Attachment_detaineeId_idx" ON "Attachment"("detaineeId");

-- CreateIndex
CREATE INDEX "Consent_detaineeId_channel_idx" ON "Consent"("detaineeId", "channel");

-- CreateIndex
CREATE INDEX "Petition_teamId_status_idx" ON "Petition"("teamId", "status");

-- CreateIndex
CREATE INDEX "Petition_responseDueOn_idx" ON "Petition"("responseDueOn");

-- CreateIndex
CREATE INDEX "Petition_kind_idx" ON "Petition"("kind");

-- CreateIndex
CREATE INDEX "PetitionDetainee_detaineeId_idx" ON "PetitionDetainee"("detaineeId");

-- CreateIndex
CREATE INDEX "Activity_detaineeId_occurredAt_idx" ON "Activity"("detaineeId", "occurredAt");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_userId_dedupeKey_key" ON "Notification"("userId", "dedupeKey");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_at_idx" ON "AuditLog"("actorId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_entityType_entityId_idx" ON "AuditLog"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_action_at_idx" ON "AuditLog"("action", "at");

-- CreateIndex
CREATE INDEX "LoginAttempt_key_at_idx" ON "LoginAttempt"("key", "at");

-- AddForeignKey
ALTER TABLE "TeamMembership" ADD CONSTRAINT "TeamMembership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamMembership" ADD CONSTRAINT "TeamMembership_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Detainee" ADD CONSTRAINT "Detainee_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DetaineeAssignment" ADD CONSTRAINT "DetaineeAssignment_detaineeId_fkey" FOREIGN KEY ("detaineeId") REFERENCES "Detainee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DetaineeAssignment" ADD CONSTRAINT "DetaineeAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustodyPeriod" ADD CONSTRAINT "CustodyPeriod_detaineeId_fkey" FOREIGN KEY ("detaineeId") REFERENCES "Detainee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustodyPeriod" ADD CONSTRAINT "CustodyPeriod_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "DetentionFacility"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FacilityRiskSnapshot" ADD CONSTRAINT "FacilityRiskSnapshot_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "DetentionFacility"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RepatriationEvent" ADD CONSTRAINT "RepatriationEvent_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "DetentionFacility"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RepatriationEventDetainee" ADD CONSTRAINT "RepatriationEventDetainee_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "RepatriationEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RepatriationEventDetainee" ADD CONSTRAINT "RepatriationEventDetainee_detaineeId_fkey" FOREIGN KEY ("detaineeId") REFERENCES "Detainee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_facilityId_fkey" FOREIGN KEY ("facilityId") REFERENCES "DetentionFacility"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_detaineeId_fkey" FOREIGN KEY ("detaineeId") REFERENCES "Detainee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Source" ADD CONSTRAINT "Source_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Source" ADD CONSTRAINT "Source_detaineeId_fkey" FOREIGN KEY ("detaineeId") REFERENCES "Detainee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_detaineeId_fkey" FOREIGN KEY ("detaineeId") REFERENCES "Detainee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_detaineeId_fkey" FOREIGN KEY ("detaineeId") REFERENCES "Detainee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Petition" ADD CONSTRAINT "Petition_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Petition" ADD CONSTRAINT "Petition_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Petition" ADD CONSTRAINT "Petition_approverId_fkey" FOREIGN KEY ("approverId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PetitionDetainee" ADD CONSTRAINT "PetitionDetainee_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PetitionDetainee" ADD CONSTRAINT "PetitionDetainee_detaineeId_fkey" FOREIGN KEY ("detaineeId") REFERENCES "Detainee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_detaineeId_fkey" FOREIGN KEY ("detaineeId") REFERENCES "Detainee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- ---------------------------------------------------------------------------------------------
-- Hand-written part (not expressible in schema.prisma). Keep in step with docs/architecture.md.
-- ---------------------------------------------------------------------------------------------

-- Trigram search over every name form of a detainee (lib/domain/names builds searchText).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Detainee_searchText_trgm_idx" ON "Detainee" USING GIN ("searchText" gin_trgm_ops);

-- The audit log is append-only: the database itself refuses UPDATE, DELETE and TRUNCATE, so a
-- compromised app process cannot rewrite history (SECURITY.md S19).
CREATE FUNCTION haven_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditLog is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "AuditLog_no_update_delete" BEFORE UPDATE OR DELETE ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION haven_audit_log_append_only();
CREATE TRIGGER "AuditLog_no_truncate" BEFORE TRUNCATE ON "AuditLog"
  FOR EACH STATEMENT EXECUTE FUNCTION haven_audit_log_append_only();
