import type { RuleDef } from "../rule";
import { acquisitionIdentityUnverified } from "./acquisition-identity-unverified";
import { backupOffsiteUnencrypted } from "./backup-offsite-unencrypted";
import { contractorChainTooDeep } from "./contractor-chain-too-deep";
import { dataMinimisation } from "./data-minimisation";
import { dbDirectCrossDepartment } from "./db-direct-cross-department";
import { delegationNoContractor } from "./delegation-no-contractor";
import { delegationNoItem } from "./delegation-no-item";
import { disposalNoMethod } from "./disposal-no-method";
import { emailNoContentEncryption } from "./email-no-content-encryption";
import { incompleteDirectionUnknown } from "./incomplete-direction-unknown";
import { incompleteGroupKind } from "./incomplete-group-kind";
import { incompleteMynumberUnknown } from "./incomplete-mynumber-unknown";
import { incompleteNoData } from "./incomplete-no-data";
import { incompleteNoOwner } from "./incomplete-no-owner";
import { incompleteNoTransport } from "./incomplete-no-transport";
import { incompletePhaseUnclassified } from "./incomplete-phase-unclassified";
import { internetEmail } from "./internet-email";
import { internetIntoMynumberSegment } from "./internet-into-mynumber-segment";
import { legalArticle9OnProvision } from "./legal-article9-on-provision";
import { legalArticle19OnTransfer } from "./legal-article19-on-transfer";
import { legalNetworkBasisOffNetwork } from "./legal-network-basis-off-network";
import { legalNoBasis } from "./legal-no-basis";
import { mediaNoLedger } from "./media-no-ledger";
import { mediaNotDeleted } from "./media-not-deleted";
import { mediaUnencrypted } from "./media-unencrypted";
import { methodNotDeclared } from "./method-not-declared";
import { misdelivery } from "./misdelivery";
import { paperContractorUnlocked } from "./paper-contractor-unlocked";
import { postUntracked } from "./post-untracked";
import { publicNetworkUnencrypted } from "./public-network-unencrypted";
import { storageNoDeletionMethod } from "./storage-no-deletion-method";
import { storageNoRetention } from "./storage-no-retention";
import { subcontractUndeclared } from "./subcontract-undeclared";
import { systemAccessControl } from "./system-access-control";
import { systemOperationLog } from "./system-operation-log";

/** The catalog, in the order reports list "what was checked". Rule ids are stable: decisions key on them. */
export const RULES: readonly RuleDef[] = [
  acquisitionIdentityUnverified,
  mediaUnencrypted,
  mediaNotDeleted,
  mediaNoLedger,
  emailNoContentEncryption,
  internetEmail,
  misdelivery,
  postUntracked,
  paperContractorUnlocked,
  publicNetworkUnencrypted,
  internetIntoMynumberSegment,
  legalNoBasis,
  legalNetworkBasisOffNetwork,
  legalArticle9OnProvision,
  legalArticle19OnTransfer,
  delegationNoItem,
  delegationNoContractor,
  subcontractUndeclared,
  contractorChainTooDeep,
  dataMinimisation,
  storageNoRetention,
  storageNoDeletionMethod,
  backupOffsiteUnencrypted,
  dbDirectCrossDepartment,
  systemAccessControl,
  systemOperationLog,
  disposalNoMethod,
  incompleteNoTransport,
  incompleteMynumberUnknown,
  incompleteNoData,
  incompleteDirectionUnknown,
  incompletePhaseUnclassified,
  incompleteNoOwner,
  incompleteGroupKind,
  methodNotDeclared,
];
