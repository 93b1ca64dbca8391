import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Public } from '@ocop/auth';
import { IdentityService } from '../application/identity.service';
import { LoginDto, RefreshDto } from './dto/login.dto';
import { RegisterDto } from './dto/register.dto';
import { RegistrationView, SessionView } from './user.view';

@ApiTags('identity')
@Public()
@Controller('auth')
export class AuthController {
  constructor(private readonly identity: IdentityService) {}

  @Post('register')
  @ApiOperation({
    summary: 'Register a producer, buyer or organizer together with its organization (pending)',
  })
  @ApiCreatedResponse({ type: RegistrationView })
  register(@Body() body: RegisterDto) {
    return this.identity.register(body);
  }

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; the same 401 for an unknown email and a wrong password' })
  @ApiOkResponse({ type: SessionView })
  @ApiUnauthorizedResponse({ description: 'INVALID_CREDENTIALS' })
  @ApiTooManyRequestsResponse({ description: 'TOO_MANY_LOGIN_ATTEMPTS, with Retry-After' })
  login(@Body() body: LoginDto, @Ip() ip: string) {
    return this.identity.login(body.email, body.password, ip);
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair; a reused token revokes the whole sign-in',
  })
  @ApiOkResponse({ type: SessionView })
  refresh(@Body() body: RefreshDto) {
    return this.identity.refresh(body.refreshToken);
  }
}
