export { default } from '@termgrad/vitest-config';
