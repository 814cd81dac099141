// class-transformer keeps @Type() in a storage it does not export from its index; its types sit apart from its code.
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
