import { Module } from '@nestjs/common';
import { PingConsumer } from './ping.consumer';
import { PingController } from './ping.controller';

@Module({ controllers: [PingController, PingConsumer] })
export class PingModule {}
