import { Module } from '@nestjs/common';
import { EvidencePhotoStore } from './evidence-photos.queries';
import { loadPhotoEvidenceConfig, PHOTO_EVIDENCE_CONFIG } from './photo-evidence.config';
import { PhotoUploadGuard } from './photo-upload.guard';
import { PhotosController } from './photos.controller';

/**
 * Photo evidence for a service whose commands take photos: GET /photos/{sha256}, the upload guard its routes use
 * (@AcceptsPhotos) and the store its commands write with. The service lists photoEvidenceMigrations too.
 */
@Module({
  controllers: [PhotosController],
  providers: [
    EvidencePhotoStore,
    PhotoUploadGuard,
    { provide: PHOTO_EVIDENCE_CONFIG, useFactory: () => loadPhotoEvidenceConfig(process.env) },
  ],
  exports: [EvidencePhotoStore, PhotoUploadGuard, PHOTO_EVIDENCE_CONFIG],
})
export class PhotoEvidenceModule {}
