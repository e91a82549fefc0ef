import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';
import { Public } from '../common/decorators';
import { ApiSignInResponse, SignInResultDto } from './dto/auth.dto';
import { SignInCodesService } from './sign-in-codes.service';

export class ExchangeCodeDto {
  @ApiProperty({ maxLength: 64, description: 'The code a redirect sign-in put in the app’s URL' })
  @IsString()
  @Length(1, 100)
  @MaxLength(64)
  code!: string;
}

@ApiTags('auth')
@Controller('auth')
export class SignInCodesController {
  constructor(private readonly codes: SignInCodesService) {}

  @Post('exchange')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange the one-time code of a redirect sign-in (OIDC, LMS) for tokens',
  })
  @ApiSignInResponse()
  @ApiUnauthorizedResponse({ description: 'Unknown, used or expired code' })
  exchange(@Body() body: ExchangeCodeDto): Promise<SignInResultDto> {
    return this.codes.exchange(body.code);
  }
}
