// The business calendar lives in @app/domain-kernel; the platform barrel keeps exporting it for application code.
export { almatyDate, almatyYear } from '@app/domain-kernel';
