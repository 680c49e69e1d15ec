// How 机构总览 opens the register: `#/findings?unit=CODE`, which FindingsPage turns, once per code, into a
// filter on the unit and every unit placed below it (core/finding/rollup registerFilterForUnit): exactly
// the findings the tree node counts. The register's filter has no item field, so a matrix cell opens its
// unit's findings.
import { navigate } from '../../app/router';

export const openRegisterForUnit = (code: string): void => navigate({ name: 'findings', id: null, unit: code });
