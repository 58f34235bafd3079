/** The observability widget's parameters: the run's and the alert rule's, in one link. */
import { alertParams } from '../../scenarios/alert-params';
import { observabilityParams } from '../../scenarios/observability-run';
import type { ParamSchema } from '../../scenarios/types';

export const runSchema = observabilityParams as ParamSchema;
export const ruleSchema = alertParams as ParamSchema;
export const dashboardSchema: ParamSchema = { ...runSchema, ...ruleSchema };
