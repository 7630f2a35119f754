/** The labs of the dashboard, in tab order. */
export const LABS = ['curve', 'classify', 'network', 'digits'] as const;

/** One lab of the dashboard. */
export type LabId = (typeof LABS)[number];

/** Human titles of the labs, as shown on the tab bar. */
export const LAB_TITLES: Readonly<Record<LabId, string>> = {
  curve: 'Curve fitting',
  classify: 'Classification',
  network: 'Network',
  digits: 'Digits',
};
