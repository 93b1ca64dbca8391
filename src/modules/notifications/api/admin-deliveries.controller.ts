import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@ocop/auth';
import { NoBodyDto, ParseUuidPipe } from '@ocop/http';
import { DeliveryService } from '../application/delivery.service';
import { DeliveryPageView, DeliveryView } from './delivery.view';
import { ListDeliveriesDto } from './dto/list-deliveries.dto';

@ApiTags('notifications')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/notification-deliveries')
export class AdminDeliveriesController {
  constructor(private readonly deliveries: DeliveryService) {}

  @Get()
  @ApiOperation({ summary: 'Deliveries by status; `status=failed` is the dead-letter list' })
  @ApiOkResponse({ type: DeliveryPageView })
  list(@Query() query: ListDeliveriesDto) {
    return this.deliveries.list(query);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a failed delivery again (409 unless it is failed)' })
  @ApiOkResponse({ type: DeliveryView })
  retry(@Param('id', ParseUuidPipe) id: string, @Body() _body: NoBodyDto) {
    return this.deliveries.retry(id);
  }
}
